package io.pyrons.server;

/**
 * What each class exposes, computed once per class. A {@link ClassValue} lets the entry of a class from an
 * uninstalled bundle be collected with it.
 */
final class ExposedClassCache {
    private final ClassValue<ExposedClass> cache = new ClassValue<>() {
        @Override
        protected ExposedClass computeValue(Class<?> type) {
            return ExposedClass.of(type);
        }
    };

    ExposedClass of(Class<?> type) {
        return cache.get(type);
    }
}
