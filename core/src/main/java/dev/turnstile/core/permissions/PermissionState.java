package dev.turnstile.core.permissions;

import dev.turnstile.core.permissions.model.PermissionException;
import dev.turnstile.core.permissions.model.PermissionProfile;
import dev.turnstile.core.protocol.policy.ActivePermissionProfile;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A thread's selected permissions (upstream {@code PermissionProfileState}, spec §3.1): raw permissions with no
 * identity, or a built-in or named profile by id together with the roots that profile declares. The stored
 * profile keeps its {@code project_roots} entries symbolic; a named profile's own roots are baked in next to them.
 */
public sealed interface PermissionState permits PermissionState.Legacy, PermissionState.BuiltIn,
        PermissionState.Named {

    /** The stored, still symbolic profile. */
    PermissionProfile profile();

    /** The immutable roots the selected profile declares (never reported as runtime roots). */
    List<Path> profileWorkspaceRoots();

    /** The id that produced the profile, for display; empty for legacy permissions. */
    Optional<ActivePermissionProfile> activeProfile();

    /**
     * Picks the state for a profile: without an active profile it is {@link Legacy} (and profile roots are
     * dropped); with one, {@link BuiltIn} when the id is a built-in id, else {@link Named}.
     */
    static PermissionState of(PermissionProfile profile, ActivePermissionProfile active, List<Path> profileRoots) {
        if (active == null) {
            return new Legacy(profile);
        }
        return BuiltInProfiles.isBuiltIn(active.id())
                ? new BuiltIn(active.id(), active.extendsProfile(), profile, profileRoots)
                : new Named(active.id(), active.extendsProfile(), profile, profileRoots);
    }

    /** Raw permissions with no identity (a legacy sandbox policy, or a profile sent without an id). */
    record Legacy(PermissionProfile profile) implements PermissionState {
        public Legacy {
            if (profile == null) {
                throw new PermissionException("a permission state needs a profile");
            }
        }

        @Override
        public List<Path> profileWorkspaceRoots() {
            return List.of();
        }

        @Override
        public Optional<ActivePermissionProfile> activeProfile() {
            return Optional.empty();
        }
    }

    /** One of {@link BuiltInProfiles#IDS}. */
    record BuiltIn(String id, String extendsId, PermissionProfile profile, List<Path> profileWorkspaceRoots)
            implements PermissionState {
        public BuiltIn {
            if (!BuiltInProfiles.isBuiltIn(id)) {
                throw new PermissionException("`" + id + "` is not a built-in profile id");
            }
            if (profile == null) {
                throw new PermissionException("a permission state needs a profile");
            }
            profileWorkspaceRoots = List.copyOf(profileWorkspaceRoots);
        }

        public BuiltIn(String id, PermissionProfile profile) {
            this(id, null, profile, List.of());
        }

        @Override
        public Optional<ActivePermissionProfile> activeProfile() {
            return Optional.of(new ActivePermissionProfile(id, extendsId));
        }
    }

    /** A profile from the configuration file, {@code [permissions.<id>]}. */
    record Named(String id, String extendsId, PermissionProfile profile, List<Path> profileWorkspaceRoots)
            implements PermissionState {
        public Named {
            if (id == null || id.isEmpty()) {
                throw new PermissionException("a named permission profile needs an id");
            }
            if (profile == null) {
                throw new PermissionException("a permission state needs a profile");
            }
            profileWorkspaceRoots = List.copyOf(profileWorkspaceRoots);
        }

        @Override
        public Optional<ActivePermissionProfile> activeProfile() {
            return Optional.of(new ActivePermissionProfile(id, extendsId));
        }
    }
}
