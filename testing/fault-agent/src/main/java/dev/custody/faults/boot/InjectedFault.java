package dev.custody.faults.boot;

/**
 * What the fault agent throws in Custody's code: an Error, the worst an application can be handed.
 */
public final class InjectedFault extends Error {

  InjectedFault(String method) {
    super("custody fault agent: failure injected on entering " + method);
  }
}
