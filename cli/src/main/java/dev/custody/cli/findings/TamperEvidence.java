package dev.custody.cli.findings;

import java.util.List;

/**
 * What the integrity verifier ({@code verify --case}) reported against one case, as its report
 * names it.
 *
 * @param modified ids of spans whose content no longer matches the checkpoint that covers them
 * @param forged ids of spans that carry a covered number but are not what the checkpoint signed
 * @param missing the numbers of the case no span was received for, as {@code stream:from-to}
 * @param problems what is wrong with the checkpoints themselves (a signature, a broken chain)
 */
public record TamperEvidence(
    List<String> modified, List<String> forged, List<String> missing, List<String> problems) {

  /** The verifier was not run, or found nothing. */
  public static final TamperEvidence NONE =
      new TamperEvidence(List.of(), List.of(), List.of(), List.of());

  public TamperEvidence {
    modified = List.copyOf(modified);
    forged = List.copyOf(forged);
    missing = List.copyOf(missing);
    problems = List.copyOf(problems);
  }
}
