package io.tandem.engine.config;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/** The HTTP control endpoint ({@code control:}); {@code port == 0} asks the OS for a free port. */
public record ControlConfig(String host, int port, Optional<Secret> token) {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    public ControlConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(token, "token");
    }

    public InetSocketAddress listenAddress() {
        return new InetSocketAddress(host, port);
    }

    /**
     * True only for addresses that are loopback without asking DNS: {@code localhost}, 127.0.0.0/8 and
     * {@code ::1}. Any other name counts as reachable from outside, so it needs a token.
     */
    public boolean isLoopback() {
        if (host.toLowerCase(Locale.ROOT).equals("localhost")) {
            return true;
        }
        if (!IPV4.matcher(host).matches() && !host.contains(":")) {
            return false;
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress(); // a literal: parsed, not resolved
        } catch (UnknownHostException e) {
            return false;
        }
    }

    static ControlConfig read(Values v) {
        HostPort listen = v.get(Options.CONTROL_LISTEN);
        Optional<Secret> token = v.optional(Options.CONTROL_TOKEN);
        if (token.isPresent() && token.get().isEmpty()) {
            v.problem(Options.CONTROL_TOKEN, "must not be empty; remove it or set a long random value");
        }
        if (listen != null && token.isEmpty() && !v.isSet(Options.CONTROL_TOKEN)
                && !new ControlConfig(listen.host(), listen.port(), token).isLoopback()) {
            v.problem(Options.CONTROL_TOKEN, "is required because control.listen (" + listen
                    + ") is not a loopback address; set a long random token, e.g. ${file:/run/secrets/tandem-token}");
        }
        return v.hasProblems() ? null : new ControlConfig(listen.host(), listen.port(), token);
    }
}
