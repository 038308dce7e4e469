package io.tandem.deploy.dist;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The instructions of a Dockerfile, continuation lines joined and comments dropped; enough to check one. */
record Dockerfile(List<Instruction> instructions) {

    record Instruction(String keyword, String arguments) {
        /** The exec form ({@code ["a", "b"]}) as a list. */
        List<String> execForm() {
            try {
                return List.of(new ObjectMapper().readValue(arguments, String[].class));
            } catch (IOException e) {
                throw new IllegalStateException(keyword + " is not in exec form: " + arguments, e);
            }
        }
    }

    static Dockerfile read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Instruction> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : lines) {
            String trimmed = line.strip();
            if (trimmed.startsWith("#") || (trimmed.isEmpty() && current.isEmpty())) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                current.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            current.append(trimmed);
            String text = current.toString().strip();
            current.setLength(0);
            int space = text.indexOf(' ');
            instructions.add(new Instruction(text.substring(0, space).toUpperCase(), text.substring(space + 1).strip()));
        }
        return new Dockerfile(List.copyOf(instructions));
    }

    /** Every instruction with this keyword, in order. */
    List<Instruction> all(String keyword) {
        return instructions.stream().filter(i -> i.keyword().equals(keyword)).toList();
    }

    /** The last instruction with this keyword (the one that counts for USER, CMD, ENTRYPOINT, HEALTHCHECK). */
    Instruction last(String keyword) {
        List<Instruction> all = all(keyword);
        if (all.isEmpty()) {
            throw new AssertionError("the Dockerfile has no " + keyword);
        }
        return all.get(all.size() - 1);
    }

    /** The instructions after the last FROM: the image that ships. */
    Dockerfile finalStage() {
        int from = instructions.lastIndexOf(last("FROM"));
        return new Dockerfile(instructions.subList(from, instructions.size()));
    }
}
