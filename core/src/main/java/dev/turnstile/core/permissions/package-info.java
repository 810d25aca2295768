/**
 * Permission profiles by id and runtime workspace roots (issue #4; spec §3).
 *
 * <ul>
 *   <li>{@code model}: the typed {@link dev.turnstile.core.permissions.model.PermissionProfile} and its entries,
 *       materialisation, deny preservation; pure values.</li>
 *   <li>{@code wire}: the profile to and from the core wire JSON (a {@code JsonNode}).</li>
 *   <li>{@code config}: {@code --config FILE} read with jackson-dataformat-toml.</li>
 *   <li>{@code sandbox}: realisation of a turn's sandbox ({@code SandboxPlan}).</li>
 *   <li>this package: selection by id ({@link dev.turnstile.core.permissions.BuiltInProfiles},
 *       {@link dev.turnstile.core.permissions.ProfileResolver}), the thread's
 *       {@link dev.turnstile.core.permissions.PermissionState} and
 *       {@link dev.turnstile.core.permissions.ThreadPermissions} (start, settings updates, realisation), the
 *       legacy {@code SandboxPolicy} projection, root validation.</li>
 * </ul>
 *
 * <p>Decisions that differ from upstream, deliberately: workspace roots with a {@code ..} component are
 * rejected, and roots given relative to a base must stay inside it through symlinks; a writable
 * {@code :workspace_roots} subpath that leads out of its root through a symlink fails realisation; the top-level
 * {@code .git}, {@code .agents}, {@code .codex} of every writable root are never writable through a writable root
 * (existing or not) unless granted by an explicit write entry at or inside them; the legacy projection adds the
 * protected metadata paths whether or not they exist.
 */
package dev.turnstile.core.permissions;
