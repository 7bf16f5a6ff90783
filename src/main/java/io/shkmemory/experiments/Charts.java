package io.shkmemory.experiments;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.Shape;
import java.io.IOException;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.util.List;
import java.util.Map;

import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.util.ShapeUtils;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * The PNG plots of a run, drawn with JFreeChart on a headless AWT. Each method keeps one colour
 * and one marker in every plot.
 */
final class Charts {

    static {
        System.setProperty("java.awt.headless", "true");
    }

    static final int WIDTH = 900;
    static final int HEIGHT = 560;
    /** Divergences below this are drawn at it: a log axis has no zero. */
    static final double DIVERGENCE_FLOOR = 1e-6;

    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 18);
    private static final Font SUBTITLE = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 15);
    private static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    private static final Color GRID = new Color(0xDD, 0xDD, 0xDD);
    private static final Map<Method, Color> COLOURS = Map.of(
            Method.SHK, new Color(0x1F, 0x77, 0xB4),
            Method.POSITIONS_ONLY, new Color(0xFF, 0x7F, 0x0E),
            Method.NEAREST, new Color(0x2C, 0xA0, 0x2C),
            Method.HOPFIELD_STORED, new Color(0x7F, 0x7F, 0x7F),
            Method.HOPFIELD_RECEIVED, new Color(0xD6, 0x27, 0x28));
    private static final Color QUERY = Color.BLACK;

    private Charts() {
    }

    /** Recovery rate against noise, one line per method, error bars of one s.d. over seeds. */
    static void recovery(Path file, RecoveryExperiment.Scenario scenario,
                         List<Summaries.RecoveryCell> cells, List<Double> sigmas, int seeds,
                         String setup) throws IOException {
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        XYErrorRenderer renderer = errorRenderer();
        double offset = jitter(sigmas);
        Method[] methods = Method.values();
        for (int m = 0; m < methods.length; m++) {
            YIntervalSeries series = new YIntervalSeries(methods[m].label());
            for (Summaries.RecoveryCell c : of(cells, scenario, methods[m])) {
                double x = c.sigma() + (m - (methods.length - 1) / 2.0) * offset;
                series.add(x, c.recoveryMean(), Math.max(0, c.recoveryMean() - c.recoverySd()),
                        Math.min(1, c.recoveryMean() + c.recoverySd()));
            }
            data.addSeries(series);
            style(renderer, m, methods[m]);
        }
        NumberAxis y = new NumberAxis("recovery rate (recalled pattern is the true one)");
        y.setRange(-0.02, 1.04);
        y.setTickUnit(new NumberTickUnit(0.1));
        XYPlot plot = new XYPlot(data, sigmaAxis(), y, renderer);
        save(file, plot, "Recovery under noise: " + scenario.title(),
                setup + "; error bars: \u00b11 s.d. over " + seeds + " memories");
    }

    /**
     * Two panels over noise: the median {@code S_eps} to the true pattern before and after each
     * dynamic (interquartile bars), and the mean steps taken.
     */
    static void dynamics(Path file, RecoveryExperiment.Scenario scenario,
                         List<Summaries.RecoveryCell> cells, List<Double> sigmas, String setup)
            throws IOException {
        List<Method> dynamic = List.of(Method.SHK, Method.POSITIONS_ONLY,
                Method.HOPFIELD_STORED, Method.HOPFIELD_RECEIVED);
        double offset = jitter(sigmas);
        YIntervalSeriesCollection divergences = new YIntervalSeriesCollection();
        XYErrorRenderer divergenceRenderer = errorRenderer();
        YIntervalSeries before = new YIntervalSeries("query (before)");
        for (Summaries.RecoveryCell c : of(cells, scenario, Method.SHK)) {
            before.add(c.sigma(), floor(c.before().median()), floor(c.before().lower()),
                    floor(c.before().upper()));
        }
        divergences.addSeries(before);
        divergenceRenderer.setSeriesPaint(0, QUERY);
        divergenceRenderer.setSeriesShape(0, ShapeUtils.createDiamond(5));
        divergenceRenderer.setSeriesStroke(0, new BasicStroke(2f, BasicStroke.CAP_ROUND,
                BasicStroke.JOIN_ROUND, 1f, new float[] {6f, 4f}, 0f));
        XYSeriesCollection steps = new XYSeriesCollection();
        XYLineAndShapeRenderer stepsRenderer = new XYLineAndShapeRenderer(true, true);
        for (int m = 0; m < dynamic.size(); m++) {
            Method method = dynamic.get(m);
            YIntervalSeries after = new YIntervalSeries(method.label());
            XYSeries stepSeries = new XYSeries(method.label());
            for (Summaries.RecoveryCell c : of(cells, scenario, method)) {
                double x = c.sigma() + (m + 1 - dynamic.size() / 2.0) * offset;
                after.add(x, floor(c.after().median()), floor(c.after().lower()),
                        floor(c.after().upper()));
                stepSeries.add(c.sigma(), c.stepsMean());
            }
            divergences.addSeries(after);
            style(divergenceRenderer, m + 1, method);
            steps.addSeries(stepSeries);
            style(stepsRenderer, m, method);
            stepsRenderer.setSeriesVisibleInLegend(m, false);
        }
        LogAxis divergenceAxis = new LogAxis("median S_eps to the true pattern");
        divergenceAxis.setSmallestValue(DIVERGENCE_FLOOR);
        divergenceAxis.setBase(10);
        divergenceAxis.setNumberFormatOverride(new DecimalFormat("0.#E0"));
        XYPlot top = new XYPlot(divergences, null, divergenceAxis, divergenceRenderer);
        NumberAxis stepsAxis = new NumberAxis("steps taken (mean)");
        XYPlot bottom = new XYPlot(steps, null, stepsAxis, stepsRenderer);
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(sigmaAxis());
        plot.add(top, 3);
        plot.add(bottom, 2);
        plot.setGap(12);
        JFreeChart chart = chart(plot, "Dynamics (" + scenario.id() + "): S_eps to the true "
                + "pattern before and after, steps taken", setup
                + "; bars: interquartile range over all queries");
        writePng(file, chart, WIDTH, 760);
    }

    /**
     * The energy of SHK along its accepted states, one trace per noise level, as the share of
     * the total descent still ahead, {@code (E_t - E_final) / (E_0 - E_final)}.
     */
    static void energy(Path file, Map<Double, List<Double>> tracesBySigma, String setup)
            throws IOException {
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        int s = 0;
        for (Map.Entry<Double, List<Double>> e : tracesBySigma.entrySet()) {
            List<Double> energies = e.getValue();
            double first = energies.get(0);
            double last = energies.get(energies.size() - 1);
            if (!(first - last > 1e-12)) {
                continue;
            }
            XYSeries series = new XYSeries(String.format("sigma = %.2f", e.getKey()));
            for (int t = 0; t < energies.size(); t++) {
                double share = (energies.get(t) - last) / (first - last);
                if (share >= 1e-9) {
                    series.add(t, share);
                }
            }
            data.addSeries(series);
            renderer.setSeriesStroke(s, new BasicStroke(2f));
            renderer.setSeriesPaint(s, sequential(s, tracesBySigma.size()));
            s++;
        }
        LogAxis y = new LogAxis("(E_t - E_final) / (E_0 - E_final)");
        y.setSmallestValue(1e-9);
        y.setNumberFormatOverride(new DecimalFormat("0E0"));
        NumberAxis x = new NumberAxis("accepted step t");
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        save(file, new XYPlot(data, x, y, renderer),
                "SHK energy along the descent (one query per noise level)",
                setup + "; the energy never rose in any run (see report)");
    }

    /** Capacity against dimension on a log axis, with bounds marked and least-squares lines. */
    static void capacity(Path file, List<CapacityExperiment.Capacity> capacities,
                         List<Summaries.Fit> fits, List<Method> methods, String setup)
            throws IOException {
        XYSeriesCollection data = new XYSeriesCollection();
        CapacityRenderer renderer = new CapacityRenderer();
        double maxD = capacities.stream().mapToInt(CapacityExperiment.Capacity::dimension).max()
                .orElse(1);
        double spread = 0.01 * maxD;
        for (int m = 0; m < methods.size(); m++) {
            Method method = methods.get(m);
            XYSeries series = new XYSeries(method.label(), false);
            List<CapacityExperiment.Capacity> ofMethod = capacities.stream()
                    .filter(c -> c.method() == method).toList();
            for (CapacityExperiment.Capacity c : ofMethod) {
                series.add(c.dimension() + (m - (methods.size() - 1) / 2.0) * spread, c.patterns());
            }
            renderer.bounds.add(ofMethod.stream().map(CapacityExperiment.Capacity::bound)
                    .toList());
            data.addSeries(series);
            style(renderer, m, method);
        }
        XYSeriesCollection lines = new XYSeriesCollection();
        XYLineAndShapeRenderer fitRenderer = new XYLineAndShapeRenderer(true, false);
        for (int f = 0; f < fits.size(); f++) {
            Summaries.Fit fit = fits.get(f);
            XYSeries line = new XYSeries(String.format("%s fit: ln K = %.2f + %.2f d",
                    fit.method().label(), fit.intercept(), fit.slope()));
            for (double d : fitSpan(capacities, fit.method())) {
                line.add(d, Math.exp(fit.intercept() + fit.slope() * d));
            }
            lines.addSeries(line);
            fitRenderer.setSeriesPaint(f, COLOURS.get(fit.method()));
            fitRenderer.setSeriesStroke(f, new BasicStroke(1.5f, BasicStroke.CAP_BUTT,
                    BasicStroke.JOIN_MITER, 1f, new float[] {7f, 5f}, 0f));
        }
        LogAxis y = new LogAxis("capacity K (log scale)");
        y.setBase(2);
        y.setTickUnit(new NumberTickUnit(1));
        y.setNumberFormatOverride(new DecimalFormat("0"));
        y.setSmallestValue(1);
        NumberAxis x = new NumberAxis("dimension d");
        x.setLowerBound(0);
        x.setUpperBound(maxD + 2);
        XYPlot plot = new XYPlot(data, x, y, renderer);
        plot.setDataset(1, lines);
        plot.setRenderer(1, fitRenderer);
        save(file, plot, "Capacity against dimension",
                setup + "; \u25b2 recovery still held at the cap (a lower bound), "
                        + "\u25bc it failed at the smallest K");
    }

    /** From the smallest to the largest dimension with an exact capacity, one beyond each. */
    private static double[] fitSpan(List<CapacityExperiment.Capacity> capacities, Method method) {
        int[] d = capacities.stream().filter(c -> c.method() == method
                        && c.bound() == CapacityExperiment.Bound.EXACT)
                .mapToInt(CapacityExperiment.Capacity::dimension).sorted().toArray();
        return new double[] {Math.max(0, d[0] - 1), d[d.length - 1] + 1};
    }

    /** Markers by bound: filled for exact capacities, up and down triangles for bounds. */
    private static final class CapacityRenderer extends XYLineAndShapeRenderer {

        final List<List<CapacityExperiment.Bound>> bounds = new java.util.ArrayList<>();

        CapacityRenderer() {
            super(true, true);
        }

        @Override
        public Shape getItemShape(int series, int item) {
            return switch (bounds.get(series).get(item)) {
                case EXACT -> super.getItemShape(series, item);
                case AT_LEAST_CAP -> ShapeUtils.createUpTriangle(7);
                case BELOW_START -> ShapeUtils.createDownTriangle(7);
            };
        }

        @Override
        public boolean getItemShapeFilled(int series, int item) {
            return bounds.get(series).get(item) == CapacityExperiment.Bound.EXACT;
        }

        @Override
        public boolean getItemLineVisible(int series, int item) {
            return item > 0 && bounds.get(series).get(item) == CapacityExperiment.Bound.EXACT
                    && bounds.get(series).get(item - 1) == CapacityExperiment.Bound.EXACT;
        }
    }

    private static List<Summaries.RecoveryCell> of(List<Summaries.RecoveryCell> cells,
                                                   RecoveryExperiment.Scenario scenario,
                                                   Method method) {
        return cells.stream().filter(c -> c.scenario().equals(scenario) && c.method() == method)
                .toList();
    }

    private static XYErrorRenderer errorRenderer() {
        XYErrorRenderer renderer = new XYErrorRenderer();
        renderer.setDrawXError(false);
        renderer.setDrawYError(true);
        renderer.setCapLength(6);
        renderer.setDefaultLinesVisible(true);
        renderer.setDefaultShapesVisible(true);
        renderer.setErrorStroke(new BasicStroke(1.2f));
        return renderer;
    }

    private static void style(XYLineAndShapeRenderer renderer, int series, Method method) {
        renderer.setSeriesPaint(series, COLOURS.get(method));
        renderer.setSeriesStroke(series, new BasicStroke(2f));
        renderer.setSeriesShape(series, marker(method));
    }

    private static Shape marker(Method method) {
        return switch (method) {
            case SHK -> new java.awt.geom.Ellipse2D.Double(-4.5, -4.5, 9, 9);
            case POSITIONS_ONLY -> new java.awt.geom.Rectangle2D.Double(-4, -4, 8, 8);
            case NEAREST -> ShapeUtils.createDiamond(5);
            case HOPFIELD_STORED -> ShapeUtils.createDiagonalCross(4, 1.2f);
            case HOPFIELD_RECEIVED -> ShapeUtils.createRegularCross(5, 1.2f);
        };
    }

    /** A small horizontal offset between methods, so error bars do not hide each other. */
    private static double jitter(List<Double> sigmas) {
        double range = sigmas.stream().mapToDouble(Double::doubleValue).max().orElse(1)
                - sigmas.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        return 0.008 * (range > 0 ? range : 1);
    }

    private static NumberAxis sigmaAxis() {
        return new NumberAxis("query noise sigma (units of the point spread)");
    }

    private static double floor(double divergence) {
        return Math.max(DIVERGENCE_FLOOR, divergence);
    }

    private static Paint sequential(int index, int count) {
        float t = count <= 1 ? 0 : (float) index / (count - 1);
        return Color.getHSBColor(0.62f - 0.62f * t, 0.85f, 0.85f - 0.2f * t);
    }

    private static void save(Path file, XYPlot plot, String title, String subtitle)
            throws IOException {
        writePng(file, chart(plot, title, subtitle), WIDTH, HEIGHT);
    }

    private static JFreeChart chart(XYPlot plot, String title, String subtitle) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(GRID);
        plot.setRangeGridlinePaint(GRID);
        styleAxis(plot.getDomainAxis());
        styleAxis(plot.getRangeAxis());
        if (plot instanceof CombinedDomainXYPlot combined) {
            for (XYPlot sub : combined.getSubplots()) {
                sub.setBackgroundPaint(Color.WHITE);
                sub.setDomainGridlinePaint(GRID);
                sub.setRangeGridlinePaint(GRID);
                styleAxis(sub.getRangeAxis());
            }
        }
        JFreeChart chart = new JFreeChart(title, TITLE, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        TextTitle sub = new TextTitle(subtitle, SUBTITLE);
        chart.addSubtitle(sub);
        LegendTitle legend = chart.getLegend();
        legend.setItemFont(SUBTITLE);
        legend.setPosition(RectangleEdge.BOTTOM);
        return chart;
    }

    private static void styleAxis(ValueAxis axis) {
        if (axis != null) {
            axis.setLabelFont(LABEL);
            axis.setTickLabelFont(TICK);
        }
    }

    private static void writePng(Path file, JFreeChart chart, int width, int height)
            throws IOException {
        ChartUtils.saveChartAsPNG(file.toFile(), chart, width, height);
    }
}
