package dev.custody.core.escalations;

/** What an agent asked a human, whom when known, and when ({@link System#nanoTime}). */
record EscalationRequest(String kind, String question, String asked, long askedAtNanos) {}
