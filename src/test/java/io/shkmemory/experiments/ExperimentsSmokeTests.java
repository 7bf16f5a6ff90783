package io.shkmemory.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the quick mode of the experiments command once and checks what it wrote. */
class ExperimentsSmokeTests {

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A,
        '\n'};

    @TempDir
    static Path folder;
    static Results results;
    static String console;

    @BeforeAll
    static void runQuickMode() throws Exception {
        String[] args = {"--quick", "--out", folder.toString()};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        results = ExperimentsCommand.run(ExperimentConfig.parse(args), args,
                new PrintStream(out, true, StandardCharsets.UTF_8));
        console = out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void quickModeWritesEveryPlotAsARealPng() throws IOException {
        for (String name : List.of("recovery-clean.png", "recovery-dropped.png",
                "recovery-outliers.png", "dynamics-clean.png", "dynamics-dropped.png",
                "dynamics-outliers.png", "energy.png", "capacity.png")) {
            Path png = folder.resolve(name);
            assertThat(png).exists();
            byte[] head = Arrays.copyOf(Files.readAllBytes(png), PNG_SIGNATURE.length);
            assertThat(head).as(name).containsExactly(PNG_SIGNATURE);
            BufferedImage image = ImageIO.read(png.toFile());
            assertThat(image.getWidth()).as(name).isGreaterThanOrEqualTo(600);
            assertThat(image.getHeight()).as(name).isGreaterThanOrEqualTo(400);
        }
    }

    @Test
    void quickModeWritesRectangularCsvFiles() throws IOException {
        for (String name : List.of(CsvFiles.RECOVERY_QUERIES, CsvFiles.RECOVERY_SUMMARY,
                CsvFiles.CAPACITY_CELLS, CsvFiles.CAPACITY, CsvFiles.CAPACITY_FIT)) {
            List<String> lines = Files.readAllLines(folder.resolve(name));
            assertThat(lines).as(name).isNotEmpty();
            int columns = lines.get(0).split(",", -1).length;
            assertThat(columns).as(name).isGreaterThan(1);
            for (String line : lines.subList(1, lines.size())) {
                assertThat(line.split(",", -1)).as(name + ": " + line).hasSize(columns);
            }
        }
        assertThat(Files.readAllLines(folder.resolve(CsvFiles.RECOVERY_QUERIES)))
                .hasSize(1 + results.rows().size());
    }

    @Test
    void reportEmbedsOnlyPlotsThatExist() throws IOException {
        String report = Files.readString(folder.resolve(Report.FILE));
        Matcher images = Pattern.compile("!\\[[^]]*]\\(([^)]+)\\)").matcher(report);
        int count = 0;
        while (images.find()) {
            assertThat(folder.resolve(images.group(1))).exists();
            count++;
        }
        assertThat(count).isEqualTo(8);
        assertThat(report).contains("## Recovery under noise", "## Capacity against dimension",
                "No run's energy rose");
    }

    @Test
    void withoutNoiseEveryMethodThatSeesTheStoredOrderRecoversEveryQuery() {
        RecoveryExperiment.Scenario clean = results.scenarios().get(0);
        assertThat(clean.outliers() + clean.dropped()).isZero();
        for (Method method : Method.values()) {
            if (method.seesStoredOrder()) {
                assertThat(results.cell(clean, 0.0, method).recoveryMean()).as(method.id())
                        .isEqualTo(1.0);
            }
        }
    }

    @Test
    void noRunsEnergyRose() throws IOException {
        assertThat(results.energyRises().values()).allMatch(rises -> rises == 0);
        assertThat(results.dynamicRuns()).isPositive();
        List<String> lines = Files.readAllLines(folder.resolve(CsvFiles.RECOVERY_QUERIES));
        int column = List.of(lines.get(0).split(",")).indexOf("energy_rose");
        assertThat(lines.subList(1, lines.size()))
                .allMatch(line -> line.split(",", -1)[column].equals("false"));
    }

    @Test
    void consoleShowsOneProgressLinePerCell() {
        long recoveryLines = console.lines().filter(l -> l.startsWith("[recovery ")).count();
        long capacityLines = console.lines().filter(l -> l.startsWith("[capacity ")).count();
        long recoveryCells = results.rows().stream()
                .map(r -> List.of(r.scenario().id(), r.sigma(), r.seed())).distinct().count();
        assertThat(recoveryLines).isEqualTo(recoveryCells);
        assertThat(capacityLines).isEqualTo(results.capacities().size());
        assertThat(console).contains("ETA");
    }
}
