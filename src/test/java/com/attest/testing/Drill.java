package com.attest.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * A drill: a test class that starts Payara Micro as processes of its own and leaves the shared portal alone. It runs
 * beside the shared portal's classes (see the pom), one drill at a time, once the shared portal is up
 * ({@link Drills}, before the class's own {@code @BeforeAll}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag(Drills.TAG)
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(Drills.TAG)
@ExtendWith(Drills.class)
public @interface Drill {
}
