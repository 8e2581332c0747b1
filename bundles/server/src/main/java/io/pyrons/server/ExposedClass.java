package io.pyrons.server;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.pyrons.api.expose.Expose;
import io.pyrons.api.expose.ExposedMembers;
import io.pyrons.api.expose.Oneway;

/**
 * The {@link Expose}d public methods of a class, grouped by name. A method is exposed when it, the same method
 * in a supertype, or a type that declares it carries {@code @Expose}, as Pyro4's method and class decorators.
 */
record ExposedClass(String pythonName, Map<String, List<Method>> methods, Set<String> allPublicNames,
                    ExposedMembers members) {

    static ExposedClass of(Class<?> type) {
        Map<String, List<Method>> exposed = new LinkedHashMap<>();
        Set<String> publicNames = new HashSet<>();
        Set<String> oneway = new HashSet<>();
        List<Method> candidates = new ArrayList<>(List.of(type.getMethods()));
        candidates.sort(Comparator.comparing(Method::getName).thenComparingInt(Method::getParameterCount));
        for (Method m : candidates) {
            if (Modifier.isStatic(m.getModifiers()) || m.isBridge() || m.isSynthetic()
                    || m.getDeclaringClass() == Object.class) {
                continue;
            }
            publicNames.add(m.getName());
            if (m.getName().startsWith("_") || !annotated(type, m, Expose.class)) {
                continue;
            }
            // a public method of a non-public class (a lambda, a nested test class) still needs to be callable
            m.trySetAccessible();
            exposed.computeIfAbsent(m.getName(), k -> new ArrayList<>()).add(m);
            if (annotated(type, m, Oneway.class)) {
                oneway.add(m.getName());
            }
        }
        return new ExposedClass(type.getSimpleName(), Map.copyOf(exposed), Set.copyOf(publicNames),
                new ExposedMembers(exposed.keySet(), oneway, Set.of()));
    }

    /** Whether {@code m} (or an overridden declaration of it) or its declaring type carries {@code annotation}. */
    private static boolean annotated(Class<?> type, Method m, Class<? extends Annotation> annotation) {
        for (Class<?> c : supertypes(type)) {
            try {
                Method declared = c.getDeclaredMethod(m.getName(), m.getParameterTypes());
                if (declared.isAnnotationPresent(annotation)
                        || (annotation == Expose.class && c.isAnnotationPresent(Expose.class))) {
                    return true;
                }
            } catch (NoSuchMethodException e) {
                // not declared here; look further up
            }
        }
        return false;
    }

    private static List<Class<?>> supertypes(Class<?> type) {
        List<Class<?>> result = new ArrayList<>();
        List<Class<?>> todo = new ArrayList<>(List.of(type));
        while (!todo.isEmpty()) {
            Class<?> c = todo.remove(0);
            if (c == null || c == Object.class || result.contains(c)) {
                continue;
            }
            result.add(c);
            todo.add(c.getSuperclass());
            todo.addAll(List.of(c.getInterfaces()));
        }
        return result;
    }
}
