package dev.custody.testapps.handoff;

/** A queue between two agent services, as one messaging client spells it. */
public interface WorkQueue {

  /** Sends one piece of work. */
  void send(String work) throws Exception;

  /** Hands each of the next {@code count} pieces of work to {@code worker}, then returns. */
  void serve(int count, Worker worker) throws Exception;

  /** What the receiving service does with one piece of work. */
  interface Worker {
    void work(String work) throws Exception;
  }
}
