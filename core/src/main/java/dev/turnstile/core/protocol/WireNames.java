package dev.turnstile.core.protocol;

/** Looks up (and caches) the {@link WireName} of a variant class. */
public final class WireNames {
    private static final ClassValue<String> NAMES = new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> type) {
            WireName name = type.getAnnotation(WireName.class);
            if (name == null) {
                throw new IllegalStateException(type.getName() + " has no @WireName");
            }
            return name.value();
        }
    };

    private WireNames() {
    }

    /** The wire tag of {@code type}; fails if the class carries no {@link WireName}. */
    public static String of(Class<?> type) {
        return NAMES.get(type);
    }
}
