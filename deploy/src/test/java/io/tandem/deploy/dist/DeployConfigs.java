package io.tandem.deploy.dist;

import io.tandem.engine.config.ConfigLoader;
import io.tandem.engine.config.TandemConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads a tandem config shipped under {@code deploy/} through tandem's own {@link ConfigLoader}, with every
 * {@code ${env:…}} set and every {@code ${file:/abs/path}} redirected to a placeholder file under a temporary
 * directory (the real paths exist only where the config is deployed). Also says which variables and files the
 * config refers to, so the deploy files around it can be checked to provide exactly those.
 */
record DeployConfigs(TandemConfig config, Set<String> envNames, Set<String> files) {

    private static final Pattern ENV = Pattern.compile("\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)}");
    private static final Pattern FILE = Pattern.compile("\\$\\{file:(/[^}]+)}");

    static DeployConfigs load(String yaml, Path scratch) {
        Set<String> envNames = matches(ENV, yaml);
        Set<String> files = matches(FILE, yaml);
        Map<String, String> environment = new LinkedHashMap<>();
        envNames.forEach(name -> environment.put(name, "placeholder-" + name.toLowerCase()));
        for (String file : files) {
            Path placeholder = scratch.resolve(file.substring(1));
            try {
                Files.createDirectories(placeholder.getParent());
                Files.writeString(placeholder, "placeholder-secret\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        String redirected = yaml.replace("${file:/", "${file:" + scratch.toAbsolutePath() + "/");
        TandemConfig config = new ConfigLoader(environment::get).parse(redirected, scratch);
        return new DeployConfigs(config, envNames, files);
    }

    static DeployConfigs load(Path file, Path scratch) {
        try {
            return load(Files.readString(file), scratch);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> matches(Pattern pattern, String text) {
        Set<String> found = new LinkedHashSet<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }
}
