package dev.shadowdev.bench.elastic;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The elastic scenarios' client (issue 12), a JVM of its own beside the {@code shadowdev up} server, driven by the
 * bench over its stdin so that it stays warm across rounds: one command per line, one JSON line per command on
 * stdout. It says {@code elastic-client: ready} on stderr once its sessions are open.
 * <pre>
 *   java -cp bench/target/benchmarks.jar dev.shadowdev.bench.elastic.ElasticClient revoke --mount M \
 *       --lender el-lender --borrower el-borrower --borrower-own 2 --lender-min 4
 *     commands: revocation N | plain N | quit
 *   java -cp bench/target/benchmarks.jar dev.shadowdev.bench.elastic.ElasticClient mixed --mount M \
 *       --inference infer-a,infer-b --inference-workloads 4 --batch batch --batch-workloads 16
 *     commands: mixed DURATION_MS SEED | quit
 * </pre>
 * A failure ends the process with status 1 and a JSON line {@code {"error": "..."}}.
 */
public final class ElasticClient
{
    public static final String READY = "elastic-client: ready";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ElasticClient()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final PrintStream out = System.out;
        if (args.length < 1)
        {
            throw new IllegalArgumentException("missing mode, want revoke or mixed: args=" + Arrays.toString(args));
        }
        final ElasticArgs options = ElasticArgs.parse(Arrays.copyOfRange(args, 1, args.length));
        final BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try
        {
            switch (args[0])
            {
                case "revoke" ->
                {
                    try (RevocationLoop loop = RevocationLoop.start(options))
                    {
                        System.err.println(READY);
                        for (String line; (line = in.readLine()) != null && !"quit".equals(line.trim()); )
                        {
                            final String[] w = line.trim().split("\\s+");
                            if (w.length != 2 || !("revocation".equals(w[0]) || "plain".equals(w[0])))
                            {
                                throw new IllegalArgumentException("bad command, want revocation N or plain N: " +
                                    "line=" + line);
                            }
                            out.println(JSON.writeValueAsString(
                                loop.round("revocation".equals(w[0]), Integer.parseInt(w[1]))));
                        }
                    }
                }
                case "mixed" ->
                {
                    try (MixedLoad load = MixedLoad.start(options))
                    {
                        System.err.println(READY);
                        for (String line; (line = in.readLine()) != null && !"quit".equals(line.trim()); )
                        {
                            final String[] w = line.trim().split("\\s+");
                            if (w.length != 3 || !"mixed".equals(w[0]))
                            {
                                throw new IllegalArgumentException("bad command, want mixed DURATION_MS SEED: " +
                                    "line=" + line);
                            }
                            out.println(JSON.writeValueAsString(load.run(Long.parseLong(w[1]),
                                Long.parseLong(w[2]))));
                        }
                    }
                }
                default -> throw new IllegalArgumentException("unknown mode, want revoke or mixed: mode=" + args[0]);
            }
        }
        catch (final Exception ex)
        {
            final ObjectNode error = JSON.createObjectNode().put("error", String.valueOf(ex));
            out.println(JSON.writeValueAsString(error));
            out.flush();
            System.exit(1);
        }
    }
}
