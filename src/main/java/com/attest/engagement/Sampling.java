package com.attest.engagement;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A reproducible random sample: the population's references are sorted (String order), then the first {@code size}
 * places of a partial Fisher–Yates shuffle driven by {@code new SplittableRandom(seed)} are taken — for place i,
 * swap it with place i + nextInt(n − i). The same population, seed and size give the same sample on any JVM, so an
 * auditor can draw it again and get what was drawn before. The sample is returned in reference order.
 */
public final class Sampling {

    private Sampling() {
    }

    public static List<String> draw(List<String> population, int size, long seed) {
        if (size < 1 || size > population.size()) {
            throw new IllegalArgumentException("A sample of " + size + " from " + population.size());
        }
        List<String> pool = new ArrayList<>(population);
        pool.sort(null);
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < size; i++) {
            int j = i + random.nextInt(pool.size() - i);
            String picked = pool.get(j);
            pool.set(j, pool.get(i));
            pool.set(i, picked);
        }
        List<String> sample = new ArrayList<>(pool.subList(0, size));
        sample.sort(null);
        return sample;
    }
}
