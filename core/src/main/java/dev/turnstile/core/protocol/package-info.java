/**
 * The wire model of the Codex session core (spec §1 and §2.2): submissions in, events out, and the lines of
 * a rollout file.
 *
 * <ul>
 *   <li>{@code op}, {@code event}, {@code item}, {@code policy}, {@code rollout}: immutable records grouped
 *       under sealed interfaces, one record per wire variant, so handlers can {@code switch} exhaustively.</li>
 *   <li>Each variant names its tag once, with {@link dev.turnstile.core.protocol.WireName}; the union's
 *       {@code type()} and the codec's tag table both read it.</li>
 *   <li>Records that can be read back from a file keep members they do not model in a trailing
 *       {@link dev.turnstile.core.protocol.UnknownFields} map, and every open union has an {@code Unknown}
 *       catch-all, so a newer Codex's output survives a read and a write unchanged.</li>
 *   <li>{@code codec}: {@link dev.turnstile.core.protocol.codec.ProtocolCodec}, the only place JSON is
 *       configured.</li>
 * </ul>
 */
package dev.turnstile.core.protocol;
