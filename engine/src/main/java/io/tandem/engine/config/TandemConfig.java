package io.tandem.engine.config;

import io.tandem.engine.transform.ColumnOverrides;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The whole, validated configuration of one tandem instance. Instances come only from
 * {@link #load}, {@link #parse} or {@link #builder()}, all of which validate the same way.
 */
public record TandemConfig(String name, SourceConfig source, TargetConfig target, SnapshotConfig snapshot,
                           ApplyConfig apply, ErrorsConfig errors, NamesConfig names, RetryConfig retry,
                           ControlConfig control, ColumnOverrides columns, DdlConfig ddl, ValuesConfig values,
                           LagConfig lag, CutoverConfig cutover, VerifyConfig verify,
                           FailbackConfig failback) {

    public TandemConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(snapshot, "snapshot");
        Objects.requireNonNull(apply, "apply");
        Objects.requireNonNull(errors, "errors");
        Objects.requireNonNull(names, "names");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(control, "control");
        Objects.requireNonNull(columns, "columns");
        Objects.requireNonNull(ddl, "ddl");
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(lag, "lag");
        Objects.requireNonNull(cutover, "cutover");
        Objects.requireNonNull(verify, "verify");
        Objects.requireNonNull(failback, "failback");
    }

    /** Loads and validates a YAML file, resolving {@code ${env:…}} from the process environment. */
    public static TandemConfig load(Path file) {
        return ConfigLoader.withSystemEnvironment().load(file);
    }

    /** Parses YAML text; relative {@code ${file:…}} paths resolve against {@code baseDirForRelativeFiles}. */
    public static TandemConfig parse(String yaml, Path baseDirForRelativeFiles) {
        return ConfigLoader.withSystemEnvironment().parse(yaml, baseDirForRelativeFiles);
    }

    public static ConfigBuilder builder() {
        return new ConfigBuilder();
    }

    /** A multi-line, secret-masked description for the startup log. */
    public String describeMasked() {
        return MaskedDescription.of(this);
    }

    /** Every section is read even after a problem, so one run reports the problems of all sections. */
    static TandemConfig read(Values v) {
        v.readAll(Options.ALL);
        String name = v.get(Options.NAME_OPTION);
        SourceConfig source = SourceConfig.read(v, name);
        TargetConfig target = TargetConfig.read(v);
        SnapshotConfig snapshot = SnapshotConfig.read(v);
        ApplyConfig apply = ApplyConfig.read(v);
        ErrorsConfig errors = ErrorsConfig.read(v);
        NamesConfig names = NamesConfig.read(v);
        RetryConfig retry = RetryConfig.read(v);
        ControlConfig control = ControlConfig.read(v);
        ColumnOverrides columns = v.optional(Options.COLUMNS).orElse(ColumnOverrides.none());
        DdlConfig ddl = DdlConfig.read(v);
        ValuesConfig values = ValuesConfig.read(v);
        LagConfig lag = LagConfig.read(v);
        CutoverConfig cutover = CutoverConfig.read(v);
        VerifyConfig verify = VerifyConfig.read(v);
        FailbackConfig failback = FailbackConfig.read(v, name);
        return v.hasProblems() ? null
                : new TandemConfig(name, source, target, snapshot, apply, errors, names, retry, control, columns, ddl,
                        values, lag, cutover, verify, failback);
    }
}
