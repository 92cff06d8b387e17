package dev.hallway.support;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Says, at the end of a test run, which tests were skipped or aborted (a JUnit assumption: a tool or a corpus that is
 * not installed) and why, so that a green build never hides a suite that did not run. Registered through
 * META-INF/services. The unit-test run (surefire) leaves its list in target/skipped-tests/ for the integration-test
 * run (failsafe), which prints both: the last thing before Maven's own results.
 */
public final class SkippedTestsSummary implements TestExecutionListener {

    /** Set by the pom for each run: {@code unit} (surefire) or {@code integration} (failsafe). */
    private static final String PHASE = System.getProperty("hallwaytest.phase", "test");
    /** Set by the pom: suites this command does not run at all and how to run them, separated by {@code ;}. */
    private static final String NOT_RUN = System.getProperty("hallwaytest.not-run", "");
    private static final Path DIR = Path.of("target", "skipped-tests");
    static final String INSTALL = "sudo apt-get install python3-feedparser newsboat chromium chromium-driver (README, \"Test it\")";

    private final Map<String, String> skipped = new ConcurrentHashMap<>();
    private volatile TestPlan plan;

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        plan = testPlan;
    }

    @Override
    public void executionSkipped(TestIdentifier test, String reason) {
        skipped.put(name(test), reason == null || reason.isBlank() ? "disabled" : reason.strip());
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (result.getStatus() == TestExecutionResult.Status.ABORTED) {
            skipped.put(name(test), result.getThrowable().map(Throwable::getMessage).map(SkippedTestsSummary::reason).orElse("aborted"));
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        Map<String, String> all = new TreeMap<>();
        try {
            Files.createDirectories(DIR);
            Files.write(DIR.resolve(PHASE + ".txt"), skipped.entrySet().stream()
                    .map(e -> e.getKey() + "\t" + e.getValue().replace('\n', ' ')).sorted().toList(), StandardCharsets.UTF_8);
            if ("integration".equals(PHASE) && Files.exists(DIR.resolve("unit.txt"))) {
                for (String line : Files.readAllLines(DIR.resolve("unit.txt"), StandardCharsets.UTF_8)) {
                    int tab = line.indexOf('\t');
                    if (tab > 0) {
                        all.put(line.substring(0, tab), line.substring(tab + 1));
                    }
                }
            }
        } catch (IOException e) {
            // the summary of this run is still printed
        }
        all.putAll(skipped);
        List<String> notRun = NOT_RUN.isBlank() || NOT_RUN.equals("-") ? List.of() : List.of(NOT_RUN.strip().split("\\s*;\\s*"));
        System.out.print(render(all, notRun));
        System.out.flush();
    }

    /** The summary block, grouped by reason; empty when every test ran. */
    static String render(Map<String, String> skippedByTest, List<String> notRun) {
        if (skippedByTest.isEmpty() && notRun.isEmpty()) {
            return "";
        }
        Map<String, List<String>> byReason = skippedByTest.entrySet().stream().collect(Collectors.groupingBy(
                Map.Entry::getValue, TreeMap::new, Collectors.mapping(Map.Entry::getKey, Collectors.toList())));
        StringBuilder out = new StringBuilder("\n[SKIPPED TESTS] ").append(skippedByTest.size())
                .append(skippedByTest.size() == 1 ? " test" : " tests").append(" skipped or aborted:\n");
        byReason.forEach((reason, tests) -> {
            out.append("  - ").append(reason).append(": ");
            out.append(tests.size() <= 3 ? String.join(", ", tests)
                    : tests.size() + " tests (" + String.join(", ", tests.subList(0, 3)) + ", …)");
            out.append('\n');
        });
        if (byReason.keySet().stream().anyMatch(r -> r.contains("not installed"))) {
            out.append("  To install the missing tools: ").append(INSTALL).append('\n');
        }
        if (!notRun.isEmpty()) {
            out.append("  Not run by this command:\n");
            notRun.forEach(line -> out.append("  - ").append(line).append('\n'));
        }
        return out.toString();
    }

    private static String reason(String message) {
        String m = message == null ? "" : message.strip();
        // JUnit's message for a failed assumption: "Assumption failed: python3-feedparser not installed"
        return m.startsWith("Assumption failed: ") ? m.substring("Assumption failed: ".length()) : m;
    }

    private String name(TestIdentifier test) {
        String own = test.getDisplayName().replace("()", "");
        TestPlan p = plan;
        if (p == null || test.isContainer()) {
            return own;
        }
        return p.getParent(test).map(parent -> parent.getDisplayName() + "." + own).orElse(own);
    }
}
