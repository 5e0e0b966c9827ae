package com.attest.platform.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.enterprise.context.ConversationScoped;
import jakarta.enterprise.context.SessionScoped;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What a page keeps between requests travels with the session to another node when the one that served it stops
 * (the session is replicated on the cluster's data grid, and only what is serializable is replicated). So every
 * {@code @ViewScoped} and {@code @SessionScoped} bean keeps serializable state — ids, values, records and entities
 * that are Serializable, never a stream or a service — or marks a field {@code transient} and reads it again, and each
 * bean, as its constructor leaves it, survives a round trip through Java serialization. Injected fields are left out:
 * Weld itself refuses a passivating bean with a dependency that cannot be passivated.
 */
class ViewStateSerializableTest {

    @Test
    void everyViewAndSessionScopedBeanHoldsOnlySerializableState() throws Exception {
        List<Class<?>> beans = passivatingBeans();
        assertTrue(beans.size() > 40, "found the portal's view-scoped beans: " + beans.size());
        Set<String> problems = new TreeSet<>();
        for (Class<?> bean : beans) {
            if (!Serializable.class.isAssignableFrom(bean)) {
                problems.add(bean.getName() + " is not Serializable");
            }
            checkFields(bean, bean.getSimpleName(), problems, new HashSet<>());
        }
        assertEquals(Set.of(), problems, "state a replicated session would lose");
    }

    @Test
    void everyViewAndSessionScopedBeanSurvivesARoundTrip() throws Exception {
        List<String> failed = new ArrayList<>();
        for (Class<?> bean : passivatingBeans()) {
            Constructor<?> constructor = bean.getDeclaredConstructor();
            constructor.setAccessible(true);
            Object instance = constructor.newInstance();
            try {
                Object back = roundTrip(instance);
                assertEquals(bean, back.getClass());
            } catch (IOException | ClassNotFoundException e) {
                failed.add(bean.getName() + ": " + e);
            }
        }
        assertEquals(List.of(), failed);
    }

    private static Object roundTrip(Object value) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return in.readObject();
        }
    }

    private static void checkFields(Class<?> type, String path, Set<String> problems, Set<Class<?>> seen) {
        if (!seen.add(type)) {
            return;
        }
        for (Class<?> c = type; c != null && c.getName().startsWith("com.attest."); c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                int modifiers = field.getModifiers();
                if (Modifier.isStatic(modifiers) || Modifier.isTransient(modifiers) || field.isSynthetic()
                        || field.isAnnotationPresent(Inject.class)) {
                    continue;
                }
                check(field.getGenericType(), path + "." + field.getName(), problems, seen);
            }
        }
    }

    private static void check(Type type, String path, Set<String> problems, Set<Class<?>> seen) {
        if (type instanceof ParameterizedType p) {
            check(p.getRawType(), path, problems, seen);
            Class<?> raw = (Class<?>) p.getRawType();
            if (Collection.class.isAssignableFrom(raw) || Map.class.isAssignableFrom(raw)
                    || raw.getName().startsWith("com.attest.")) {
                for (Type argument : p.getActualTypeArguments()) {
                    check(argument, path + "<>", problems, seen);
                }
            }
        } else if (type instanceof GenericArrayType a) {
            check(a.getGenericComponentType(), path + "[]", problems, seen);
        } else if (type instanceof WildcardType w) {
            for (Type bound : w.getUpperBounds()) {
                check(bound, path, problems, seen);
            }
        } else if (type instanceof TypeVariable<?> v) {
            for (Type bound : v.getBounds()) {
                if (bound != Object.class) {
                    check(bound, path, problems, seen);
                }
            }
        } else if (type instanceof Class<?> c) {
            if (c.isPrimitive()) {
                return;
            }
            if (c.isArray()) {
                check(c.getComponentType(), path + "[]", problems, seen);
            } else if (c.isInterface() && (Collection.class.isAssignableFrom(c) || Map.class.isAssignableFrom(c))) {
                return; // the elements are checked from the type's arguments
            } else if (!Serializable.class.isAssignableFrom(c) && c != Object.class) {
                problems.add(path + " holds " + c.getName() + ", which is not Serializable");
            } else if (c.getName().startsWith("com.attest.")) {
                checkFields(c, path, problems, seen);
            }
        }
    }

    /** The portal's classes scoped to a view, a session or a conversation, read from the compiled classes. */
    static List<Class<?>> passivatingBeans() throws IOException, URISyntaxException, ClassNotFoundException {
        Path root = Path.of(Forms.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Class<?>> beans = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = root.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                if (!name.startsWith("com.attest.")) {
                    continue;
                }
                Class<?> c = Class.forName(name, false, ViewStateSerializableTest.class.getClassLoader());
                if (c.isAnnotationPresent(ViewScoped.class) || c.isAnnotationPresent(SessionScoped.class)
                        || c.isAnnotationPresent(ConversationScoped.class)) {
                    beans.add(c);
                }
            }
        }
        return beans;
    }
}
