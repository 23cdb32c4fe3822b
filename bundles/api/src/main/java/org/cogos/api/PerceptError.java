package org.cogos.api;

/**
 * A percept that was refused, published on {@code cogos/v1/robots/{robot}/errors}.
 *
 * @param robotId   robot that sent it
 * @param modality  its modality
 * @param sequence  its ingest sequence, or -1 when refused before it had one
 * @param module    module that refused it, or {@code ingest}/{@code router}
 * @param code      short code, e.g. {@link PerceptException#MALFORMED}
 * @param detail    human-readable reason
 * @param timestampMillis wall clock of the refusal
 */
public record PerceptError(String robotId, String modality, long sequence, String module, String code,
        String detail, long timestampMillis) {
}
