package io.tandem.engine.config;

import static io.tandem.engine.config.ConfigFixtures.MINIMAL;
import static io.tandem.engine.config.ConfigFixtures.assertProblem;
import static io.tandem.engine.config.ConfigFixtures.parse;
import static io.tandem.engine.config.ConfigFixtures.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CutoverConfigTest {

    @Test
    void defaultsNeedNoCutoverSection() {
        CutoverConfig cutover = parse(MINIMAL).cutover();

        assertEquals(Duration.ofSeconds(3), cutover.maxPause());
        assertEquals(Duration.ofMillis(250), cutover.maxLag());
        assertEquals(Duration.ofSeconds(1), cutover.lockWaitTimeout());
        assertEquals(List.of(), cutover.sourceAppAccounts());
        assertEquals(List.of(), cutover.targetAppRoles());
        assertFalse(cutover.allowDeadLetters());
        assertEquals(Optional.empty(), cutover.sourceAdmin());
        assertEquals(Map.of(), cutover.hooks());
    }

    @Test
    void readsEveryKey() {
        CutoverConfig cutover = parse(MINIMAL + """
                cutover:
                  max-pause: 5s
                  max-lag: 100ms
                  lock-wait-timeout: 2s
                  source-app-accounts: ["'app'@'%'", "report@10.0.%"]
                  target-app-roles: [app, Reporting]
                  allow-dead-letters: true
                  source-admin:
                    user: cutover
                    password: ${env:ADMIN_PW}
                  hooks:
                    pre-freeze:
                      command: [/usr/local/bin/maintenance, "on"]
                    switch-app:
                      url: https://deploy.internal/switch?key=abc
                      token: ${env:HOOK_TOKEN}
                      timeout: 1500ms
                """, Map.of("ADMIN_PW", "pw", "HOOK_TOKEN", "t0k3n-value")).cutover();

        assertEquals(Duration.ofSeconds(5), cutover.maxPause());
        assertEquals(List.of("'app'@'%'", "report@10.0.%"), cutover.sourceAppAccounts());
        assertEquals(List.of("app", "Reporting"), cutover.targetAppRoles());
        assertTrue(cutover.allowDeadLetters());
        assertEquals("pw", cutover.sourceAdmin().orElseThrow().password().orElseThrow().reveal());
        HookConfig.Command pre = assertInstanceOf(HookConfig.Command.class, cutover.hook(HookConfig.Step.PRE_FREEZE).orElseThrow());
        assertEquals(List.of("/usr/local/bin/maintenance", "on"), pre.argv());
        assertEquals(Duration.ofSeconds(10), pre.timeout());
        HookConfig.Http switchApp = assertInstanceOf(HookConfig.Http.class, cutover.hook(HookConfig.Step.SWITCH_APP).orElseThrow());
        assertEquals(Duration.ofMillis(1500), switchApp.timeout());
        assertEquals("t0k3n-value", switchApp.token().orElseThrow().reveal());
        assertFalse(switchApp.toString().contains("key=abc"), switchApp.toString());
        assertFalse(switchApp.toString().contains("t0k3n-value"), switchApp.toString());
        assertTrue(cutover.hook(HookConfig.Step.POST_OPEN).isEmpty());
    }

    @Test
    void theMaskedDescriptionShowsNoSecretOrArgument() {
        String described = parse(MINIMAL + """
                cutover:
                  source-admin: {user: cutover, password: hunter2}
                  hooks:
                    post-open: {command: [notify, --token=hunter3]}
                    pre-freeze: {url: "https://h/x?secret=hunter4", token: hunter5}
                """).describeMasked();

        for (String secret : List.of("hunter2", "hunter3", "hunter4", "hunter5")) {
            assertFalse(described.contains(secret), described);
        }
        assertTrue(described.contains("notify"), described);
    }

    @Test
    void invalidValuesNameTheKeyAndTheFix() {
        assertProblem(problems(MINIMAL + "cutover:\n  lock-wait-timeout: 1500ms\n"), "cutover.lock-wait-timeout", "whole seconds");
        assertProblem(problems(MINIMAL + "cutover:\n  lock-wait-timeout: 3s\n"), "cutover.lock-wait-timeout",
                "below cutover.max-pause (3s)");
        assertProblem(problems(MINIMAL + "cutover:\n  max-pause: 2s\n"), "cutover.hooks.switch-app.timeout",
                "below cutover.max-pause (2s)", "raise cutover.max-pause");
        assertProblem(problems(MINIMAL + "cutover:\n  source-app-accounts: [\"'a\\\\'b'@'%'\"]\n"),
                "cutover.source-app-accounts[0]", "'user'@'host'");
        assertProblem(problems(MINIMAL + "cutover:\n  source-app-accounts: [\"'tandem'@'%'\"]\n"),
                "cutover.source-app-accounts[0]", "source.user", "kill replication");
        assertProblem(problems(MINIMAL + "cutover:\n  source-app-accounts: [ops@localhost]\n  source-admin: {user: ops}\n"),
                "cutover.source-app-accounts[0]", "lock itself out");
        assertProblem(problems(MINIMAL + "cutover:\n  allow-dead-letters: maybe\n"), "cutover.allow-dead-letters",
                "true or false");
        assertProblem(problems(MINIMAL + "cutover:\n  source-admin:\n    password: x\n"), "cutover.source-admin.password",
                "without cutover.source-admin.user");
        assertProblem(problems(MINIMAL + "cutover:\n  hooks:\n    switch-app: {command: [a], url: \"http://h/\"}\n"),
                "cutover.hooks.switch-app.url", "either a command or a URL");
        assertProblem(problems(MINIMAL + "cutover:\n  hooks:\n    post-open: {url: \"http://user:pw@h/\"}\n"),
                "cutover.hooks.post-open.url", "without user:password@");
        assertProblem(problems(MINIMAL + "cutover:\n  hooks:\n    post-open: {command: []}\n"),
                "cutover.hooks.post-open.command", "at least the program");
        assertProblem(problems(MINIMAL + "cutover:\n  hooks:\n    post-open: {command: [x], token: t}\n"),
                "cutover.hooks.post-open.token", "only sent with");
        assertProblem(problems(MINIMAL + "cutover:\n  hooks:\n    on-open: {command: [x]}\n"),
                "cutover.hooks.on-open", "unknown key");
    }
}
