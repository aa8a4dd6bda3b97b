package io.sandbench;

/**
 * Bad input or an unusable environment, told to the user as one line (exit code 2), never as a
 * stack trace. The message says what is wrong and how to fix it.
 */
public class UserError extends RuntimeException {
  public UserError(String message) {
    super(message);
  }

  public UserError(String message, Throwable cause) {
    super(message, cause);
  }
}
