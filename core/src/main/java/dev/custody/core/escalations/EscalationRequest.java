package dev.custody.core.escalations;

/** What an agent asked a human, and when ({@link System#nanoTime}). */
record EscalationRequest(String kind, String question, long askedAtNanos) {}
