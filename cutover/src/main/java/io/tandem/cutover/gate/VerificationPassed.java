package io.tandem.cutover.gate;

import io.tandem.cutover.GateCheck;
import io.tandem.cutover.verify.VerificationService;
import io.tandem.cutover.verify.VerifyResult;

/**
 * A full verification pass has completed with no open difference: everything up to it is known equal, so the
 * cutover only has to re-check what changed since.
 */
public final class VerificationPassed implements GateCheck {

    private final VerificationService verification;

    public VerificationPassed(VerificationService verification) {
        this.verification = verification;
    }

    @Override
    public Result evaluate() {
        VerifyResult last = verification.lastResult();
        if (last == null) {
            return Result.fail("verification", "no verification pass has completed since tandem started; start one "
                    + "with POST /verify (or verify.mode: continuous)");
        }
        return switch (last.verdict()) {
            case EQUAL -> Result.pass("verification", "last pass " + last.summary());
            case UNSETTLED -> Result.pass("verification", "last pass " + last.summary()
                    + "; the unsettled rows are re-checked inside the cutover");
            case DIFFERENT, FAILED -> Result.fail("verification", "last pass " + last.summary());
        };
    }
}
