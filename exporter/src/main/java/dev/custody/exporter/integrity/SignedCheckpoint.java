package dev.custody.exporter.integrity;

/** A checkpoint and the base64 Ed25519 signature of its payload. */
public record SignedCheckpoint(Checkpoint checkpoint, String signature) {}
