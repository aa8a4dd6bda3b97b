package io.sandbench.workload.webc;

/**
 * Bad flags, a bad URL or a target that cannot be reached at the start: told as one line, exit
 * code 2. The message says what is wrong and how to fix it.
 */
public final class BadLoadInput extends Exception {
  private static final long serialVersionUID = 1L;

  public BadLoadInput(String message) {
    super(message);
  }
}
