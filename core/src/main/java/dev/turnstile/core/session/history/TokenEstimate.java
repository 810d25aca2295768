package dev.turnstile.core.session.history;

import dev.turnstile.core.protocol.item.ContentItem;
import dev.turnstile.core.protocol.item.ResponseItem;

/**
 * A cheap, deterministic estimate of the tokens an item costs the model, used when token usage is recomputed
 * without the model (after a rollback, spec §2.8): about four bytes of the item's text a token, plus a fixed cost
 * for the item's envelope. It never serializes the item, so it is cheap enough to keep for every item recorded.
 */
public final class TokenEstimate {
    /** The JSON envelope of an item (type, role, content array, ...) in bytes. */
    static final int ENVELOPE_BYTES = 64;
    /** What upstream charges for an inline image. */
    static final int IMAGE_BYTES = 7_373;

    private TokenEstimate() {
    }

    public static long of(ResponseItem item) {
        long bytes = ENVELOPE_BYTES;
        switch (item) {
            case ResponseItem.Message message -> {
                for (ContentItem part : message.content()) {
                    bytes += part instanceof ContentItem.InputImage ? IMAGE_BYTES : length(part.textOrNull());
                }
            }
            case ResponseItem.FunctionCall call -> bytes += length(call.name()) + length(call.arguments());
            case ResponseItem.FunctionCallOutput output -> bytes += length(output.outputText());
            case ResponseItem.Reasoning reasoning -> bytes += reasoning.summary().toString().length()
                    + length(reasoning.encryptedContent());
            default -> bytes += 256;
        }
        return (bytes + 3) / 4;
    }

    private static long length(String text) {
        return text == null ? 0 : text.length();
    }
}
