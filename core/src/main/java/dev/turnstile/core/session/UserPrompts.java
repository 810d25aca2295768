package dev.turnstile.core.session;

import dev.turnstile.core.protocol.event.EventMsg;
import dev.turnstile.core.protocol.item.ByteRange;
import dev.turnstile.core.protocol.item.ContentItem;
import dev.turnstile.core.protocol.item.ResponseItem;
import dev.turnstile.core.protocol.item.TextElement;
import dev.turnstile.core.protocol.item.TurnItem;
import dev.turnstile.core.protocol.item.UserInput;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Turns what a user typed into the history item, the turn item and the legacy event Codex emits for it. */
final class UserPrompts {
    private UserPrompts() {
    }

    /** The model-visible message: text parts as input_text, images as input_image. */
    static ResponseItem.Message toResponseItem(List<UserInput> items) {
        List<ContentItem> content = new ArrayList<>(items.size());
        for (UserInput input : items) {
            switch (input) {
                case UserInput.Text text -> content.add(new ContentItem.InputText(text.text(), Map.of()));
                case UserInput.Image image -> content.add(new ContentItem.InputImage(image.imageUrl(), null, Map.of()));
                case UserInput.LocalImage local -> content.add(new ContentItem.InputImage(
                        "file://" + local.path(), null, Map.of()));
                case UserInput.Skill skill -> content.add(new ContentItem.InputText(
                        "<skill>\n<name>" + skill.name() + "</name>\n<path>" + skill.path() + "</path>\n</skill>",
                        Map.of()));
                case UserInput.Mention mention -> content.add(new ContentItem.InputText(
                        "@" + mention.name() + " (" + mention.path() + ")", Map.of()));
                case UserInput.Unknown unknown -> {
                    // Not understood: nothing reaches the model (the raw input is still in the submission journal).
                }
            }
        }
        return new ResponseItem.Message(null, "user", content, null, Map.of());
    }

    /**
     * The legacy {@code user_message}: the text parts concatenated, their text elements rebased onto the
     * concatenation (byte offsets), image URLs and local image paths listed.
     */
    static EventMsg.UserMessage toLegacyEvent(List<UserInput> items) {
        StringBuilder message = new StringBuilder();
        int byteOffset = 0;
        List<TextElement> elements = new ArrayList<>();
        List<String> images = new ArrayList<>();
        List<String> localImages = new ArrayList<>();
        for (UserInput input : items) {
            switch (input) {
                case UserInput.Text text -> {
                    for (TextElement element : text.textElements()) {
                        ByteRange range = element.byteRange();
                        elements.add(new TextElement(new ByteRange(range.start() + byteOffset,
                                range.end() + byteOffset), element.placeholder()));
                    }
                    message.append(text.text());
                    byteOffset += text.text().getBytes(StandardCharsets.UTF_8).length;
                }
                case UserInput.Image image -> images.add(image.imageUrl());
                case UserInput.LocalImage local -> localImages.add(local.path());
                default -> {
                }
            }
        }
        return new EventMsg.UserMessage(message.toString(), images, localImages, elements);
    }

    static TurnItem.UserMessage toTurnItem(String itemId, List<UserInput> items) {
        return new TurnItem.UserMessage(itemId, items);
    }
}
