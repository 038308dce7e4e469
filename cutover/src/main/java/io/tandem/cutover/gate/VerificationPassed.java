package io.tandem.cutover.gate;

import io.tandem.cutover.GateCheck;
import io.tandem.cutover.verify.VerificationService;
import io.tandem.cutover.verify.VerifyResult;
import java.util.Optional;

/**
 * A full verification pass has completed since tandem started with no open difference, and no pass since found one:
 * everything up to it is known equal, so the cutover only has to re-check what changed since
 * ({@link io.tandem.cutover.verify.ChangedRowsVerifier}).
 */
public final class VerificationPassed implements GateCheck {

    private final VerificationService verification;

    public VerificationPassed(VerificationService verification) {
        this.verification = verification;
    }

    @Override
    public Result evaluate() {
        Optional<String> reason = verification.notVerifiedReason();
        if (reason.isPresent()) {
            return Result.fail("verification", reason.get());
        }
        VerifyResult last = verification.lastResult();
        return Result.pass("verification", "last pass " + last.summary()
                + (last.verdict() == VerifyResult.Verdict.UNSETTLED
                ? "; the unsettled rows are re-checked inside the cutover" : ""));
    }
}
