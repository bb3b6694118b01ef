package dev.shadowdev.bench.report;

import com.fasterxml.jackson.databind.JsonNode;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.util.List;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The report's PNG figures, drawn with JFreeChart (headless): throughput against message size, throughput against
 * concurrent sessions, latency percentiles, and the in-JVM ratios.
 */
final class Charts
{
    static final String SIZE_PNG = "e2e-throughput-vs-size.png";
    static final String SESSIONS_PNG = "e2e-throughput-vs-sessions.png";
    static final String LATENCY_PNG = "e2e-latency.png";
    static final String RATIOS_PNG = "jmh-ratios.png";
    private static final int WIDTH = 900;
    private static final int HEIGHT = 560;
    private static final Color SHADOWDEV = new Color(0x1f77b4);
    private static final Color ECHOFS = new Color(0xd62728);
    private static final Color ECHO_LL = new Color(0x2ca02c);
    private static final List<String> TARGETS = List.of(E2eResults.SHADOWDEV, "echo_ll", "echofs");
    private static final String[] WORKLOADS = {"passthrough", "execute"};

    private Charts()
    {
    }

    static void throughputVsSize(final E2eResults e2e, final Path dir) throws IOException
    {
        final XYSeriesCollection data = new XYSeriesCollection();
        for (final String workload : WORKLOADS)
        {
            for (final String target : TARGETS)
            {
                final XYSeries series = new XYSeries(label(target, workload));
                for (final JsonNode n : e2e.summary())
                {
                    if (quiet(n, target) && workload.equals(n.path("workload").asText()) &&
                        n.path("sessions").asInt() == 1)
                    {
                        series.add(n.path("size").asDouble(), n.path("ops_per_s").asDouble());
                    }
                }
                data.addSeries(series);
            }
        }
        final JFreeChart chart = ChartFactory.createXYLineChart(
            "Request/response rate vs message size (1 session, median of rounds)", "payload bytes (log)",
            "exchanges/s", data, PlotOrientation.VERTICAL, true, false, false);
        final XYPlot plot = chart.getXYPlot();
        plot.setDomainAxis(logAxis("payload bytes (log)", 2, 32));
        final NumberAxis y = new NumberAxis("exchanges/s");
        y.setAutoRangeIncludesZero(true);
        plot.setRangeAxis(y);
        styleLines(plot);
        save(chart, dir.resolve(SIZE_PNG));
    }

    static void throughputVsSessions(final E2eResults e2e, final Path dir) throws IOException
    {
        final XYSeriesCollection data = new XYSeriesCollection();
        for (final String[] w : new String[][]{{"passthrough", "4096"}, {"execute", "61440"}})
        {
            for (final String target : TARGETS)
            {
                final XYSeries series = new XYSeries(label(target, w[0]) + " " + w[1] + " B");
                for (final JsonNode n : e2e.summary())
                {
                    if (quiet(n, target) && w[0].equals(n.path("workload").asText()) &&
                        n.path("size").asInt() == Integer.parseInt(w[1]))
                    {
                        series.add(n.path("sessions").asDouble(), n.path("ops_per_s").asDouble());
                    }
                }
                data.addSeries(series);
            }
        }
        final JFreeChart chart = ChartFactory.createXYLineChart(
            "Request/response rate vs concurrent sessions (sessions spread over 4 partitions)",
            "concurrent sessions (log2)", "exchanges/s, all sessions", data, PlotOrientation.VERTICAL, true, false,
            false);
        final XYPlot plot = chart.getXYPlot();
        plot.setDomainAxis(logAxis("concurrent sessions (log2)", 2, 1));
        styleLines(plot);
        save(chart, dir.resolve(SESSIONS_PNG));
    }

    static void latency(final E2eResults e2e, final Path dir) throws IOException
    {
        final DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (final String target : TARGETS)
        {
            for (final String[] p : new String[][]{{"p50_us", "p50"}, {"p99_us", "p99"}, {"p999_us", "p99.9"}})
            {
                for (final JsonNode n : e2e.summary())
                {
                    if (quiet(n, target) && n.path("sessions").asInt() == 1)
                    {
                        data.addValue(n.path(p[0]).asDouble(), target + " " + p[1],
                            n.path("workload").asText() + " " + sizeLabel(n.path("size").asInt()));
                    }
                }
            }
        }
        final JFreeChart chart = ChartFactory.createBarChart(
            "Latency of one exchange (write + read), 1 session, median of the rounds", "", "microseconds (log)", data,
            PlotOrientation.VERTICAL, true, false, false);
        final CategoryPlot plot = chart.getCategoryPlot();
        plot.setRangeAxis(logAxis("microseconds (log)", 10, 1));
        plot.getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        final BarRenderer renderer = (BarRenderer)plot.getRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        final Color[] shades = {SHADOWDEV, SHADOWDEV.darker(), SHADOWDEV.darker().darker(), ECHO_LL,
            ECHO_LL.darker(), ECHO_LL.darker().darker(), ECHOFS, ECHOFS.darker(), ECHOFS.darker().darker()};
        for (int i = 0; i < shades.length; i++)
        {
            renderer.setSeriesPaint(i, shades[i]);
        }
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        save(chart, dir.resolve(LATENCY_PNG));
    }

    static void ratios(final List<ReportEntry> entries, final Path dir) throws IOException
    {
        final DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (final ReportEntry e : entries)
        {
            if ((e.name().startsWith("jmh.") || e.name().startsWith("minor.")) && !Double.isNaN(e.ratio()))
            {
                final double better = "higher".equals(e.better()) ? e.ratio() : 1.0 / e.ratio();
                data.addValue(better, "shadowdev / baseline (>1 = shadowdev better)", e.name()
                    .replace("jmh.", "").replace(".allocs_per_s", "").replace("_per_s", "/s"));
            }
        }
        final JFreeChart chart = ChartFactory.createBarChart(
            "In-JVM benchmarks: shadowdev vs baseline (lower-is-better metrics inverted)", "", "ratio (log)", data,
            PlotOrientation.HORIZONTAL, false, false, false);
        final CategoryPlot plot = chart.getCategoryPlot();
        final LogAxis axis = logAxis("ratio (log), 1 = parity", 10, 0.01);
        axis.setNumberFormatOverride(new DecimalFormat("0.###"));
        plot.setRangeAxis(axis);
        plot.addRangeMarker(new ValueMarker(1.0, Color.BLACK, new BasicStroke(1.5f)));
        plot.getDomainAxis().setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        final BarRenderer renderer = (BarRenderer)plot.getRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setSeriesPaint(0, SHADOWDEV);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        final int height = Math.max(HEIGHT, 22 * data.getColumnCount() + 120);
        ChartUtils.saveChartAsPNG(new File(dir.resolve(RATIOS_PNG).toString()), chart, WIDTH, height);
    }

    /** A log axis with plain numbers (1,024 rather than 2^10) at whole powers of its base. */
    private static LogAxis logAxis(final String label, final double base, final double smallest)
    {
        final LogAxis axis = new LogAxis(label);
        axis.setBase(base);
        axis.setSmallestValue(smallest);
        axis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        axis.setNumberFormatOverride(new DecimalFormat("#,##0"));
        return axis;
    }

    private static void styleLines(final XYPlot plot)
    {
        final XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < plot.getDataset().getSeriesCount(); i++)
        {
            final Color[] colors = {SHADOWDEV, ECHO_LL, ECHOFS};
            renderer.setSeriesPaint(i, colors[i % colors.length]);
            renderer.setSeriesStroke(i, i < colors.length ? new BasicStroke(2f) :
                new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[]{6f, 4f}, 0f));
        }
        plot.setRenderer(renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    }

    private static String label(final String target, final String workload)
    {
        return E2eResults.SHADOWDEV.equals(target) ? "shadowdev " + workload.toUpperCase() :
            "C " + target + " (" + workload + " sizes)";
    }

    /** @return whether {@code n} is a quiet comparison row of {@code target} (not busy, not isolation). */
    private static boolean quiet(final JsonNode n, final String target)
    {
        return target.equals(n.path("target").asText()) && E2eResults.QUIET.equals(n.path("neighbour").asText());
    }

    static String sizeLabel(final int size)
    {
        return size % 1024 == 0 ? (size / 1024) + " KiB" : size + " B";
    }

    private static void save(final JFreeChart chart, final Path file) throws IOException
    {
        ChartUtils.saveChartAsPNG(new File(file.toString()), chart, WIDTH, HEIGHT);
    }
}
