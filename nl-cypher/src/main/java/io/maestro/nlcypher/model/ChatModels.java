package io.maestro.nlcypher.model;

import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.googleai.GoogleAiGeminiChatModel;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;

/** The langchain4j chat model for a backend's settings; retries are the loop's, not the client's. */
public final class ChatModels {
    private ChatModels() { }

    public static ChatModel create(ModelSettings s) {
        return switch (s.provider()) {
            case "openai" -> {
                var b = OpenAiChatModel.builder().modelName(s.model()).apiKey(s.apiKey() == null ? "none" : s.apiKey())
                        .timeout(s.timeout()).maxRetries(0).temperature(0.0);
                if (s.baseUrl() != null && !s.baseUrl().isBlank()) b.baseUrl(s.baseUrl());
                yield b.build();
            }
            case "anthropic" -> {
                var b = AnthropicChatModel.builder().modelName(s.model()).apiKey(s.apiKey()).timeout(s.timeout()).maxRetries(0)
                        .temperature(0.0).maxTokens(1024);
                if (s.baseUrl() != null && !s.baseUrl().isBlank()) b.baseUrl(s.baseUrl());
                yield b.build();
            }
            case "ollama" -> OllamaChatModel.builder().modelName(s.model())
                    .baseUrl(s.baseUrl() == null || s.baseUrl().isBlank() ? "http://127.0.0.1:11434" : s.baseUrl())
                    .timeout(s.timeout()).maxRetries(0).temperature(0.0).build();
            case "gemini" -> GoogleAiGeminiChatModel.builder().modelName(s.model()).apiKey(s.apiKey()).timeout(s.timeout())
                    .maxRetries(0).temperature(0.0).build();
            default -> throw new IllegalArgumentException("unknown backend " + s.provider());
        };
    }
}
