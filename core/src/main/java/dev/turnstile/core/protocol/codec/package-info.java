/**
 * JSON for the protocol: {@link dev.turnstile.core.protocol.codec.ProtocolCodec} owns the one configured
 * Jackson mapper; the package-private classes here are the pieces Jackson cannot derive from the records
 * (tagged unions, the string-or-object policy forms, the rollout line) and the translation of decode
 * failures into messages that name the offending field.
 */
package dev.turnstile.core.protocol.codec;
