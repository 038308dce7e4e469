package io.tandem.cutover;

/** One condition the cutover needs before it freezes anything, evaluated fresh each time. */
@FunctionalInterface
public interface GateCheck {

    Result evaluate();

    /** @param reason why it passes or fails, in words an operator acts on */
    record Result(String name, boolean ok, String reason) {

        public static Result pass(String name, String reason) {
            return new Result(name, true, reason);
        }

        public static Result fail(String name, String reason) {
            return new Result(name, false, reason);
        }
    }
}
