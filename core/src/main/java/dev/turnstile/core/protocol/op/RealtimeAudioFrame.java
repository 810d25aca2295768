package dev.turnstile.core.protocol.op;

import dev.turnstile.core.protocol.Fields;

/**
 * One audio frame: {@code {"data", "sample_rate", "num_channels", "samples_per_channel"?, "item_id"?}};
 * {@code data} is base64 audio, kept as the string it arrived as.
 */
public record RealtimeAudioFrame(String data, Long sampleRate, Long numChannels, Long samplesPerChannel,
        String itemId) {
    public RealtimeAudioFrame {
        Fields.required(data, "data");
        Fields.nonNegative(Fields.required(sampleRate, "sample_rate"), "sample_rate");
        Fields.nonNegative(Fields.required(numChannels, "num_channels"), "num_channels");
        if (samplesPerChannel != null) {
            Fields.nonNegative(samplesPerChannel, "samples_per_channel");
        }
    }
}
