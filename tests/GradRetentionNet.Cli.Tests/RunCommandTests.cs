using System.Text.Json;

namespace GradRetentionNet.Cli.Tests;

public sealed class RunCommandTests : IDisposable
{
    readonly string folder = Directory.CreateTempSubdirectory("grn-run-").FullName;

    string Spec(string yaml)
    {
        var path = Path.Combine(folder, "sweep.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    [Fact]
    public void A_sweep_runs_on_the_embedded_silo_and_is_aggregated_over_seeds()
    {
        var spec = Spec("""
            name: tiny
            datasets: [mnist-digits-10k]
            optimizers: [sgd, enhanced-sgd]
            seeds: [1, 2]
            epochs: 1
            limits: { max_train_samples: 256, max_test_samples: 128 }
            metric: { target: 0.2 }
            explain: { gradcam_samples: 2 }
            """);
        var (exitCode, output, error) = GrnProcess.Run("run", spec, "--out", folder);

        exitCode.Should().Be(0, error + output);
        output.Should().Contain("sweep completed: 4 completed, 0 failed");
        output.Should().Contain("mnist-digits-10k enhanced-sgd seed 2: epoch 1/1", "redirected output shows each job's epochs as they finish");
        using var aggregate = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "tiny", "aggregate.json")));
        var groups = aggregate.RootElement.GetProperty("groups").EnumerateArray().ToList();
        groups.Should().HaveCount(2);
        groups.Should().OnlyContain(g => g.GetProperty("final").GetProperty("count").GetInt32() == 2);
        Directory.GetFiles(Path.Combine(folder, "tiny"), "result.json", SearchOption.AllDirectories).Should().HaveCount(4);
        var report = File.ReadAllText(Path.Combine(folder, "tiny", "report.html"));
        report.Should().Contain("<td>enhanced-sgd</td>").And.Contain("<td>sgd</td>").And.Contain("src=\"curves-mnist-digits-10k.png\"");
        File.ReadAllBytes(Path.Combine(folder, "tiny", "curves-mnist-digits-10k.png")).Take(4).Should().Equal(0x89, (byte)'P', (byte)'N', (byte)'G');
        // explain: each optimizer's best job drew Grad-CAM maps of the same two test images, shown side by side.
        var gradCam = System.Text.RegularExpressions.Regex.Matches(report, "<img src=\"([^\"]*gradcam/sample-(\\d)-label-(\\d+)[^\"]*)\"").Select(m => m.Groups).ToList();
        gradCam.Should().HaveCount(4, "two maps for each of the two optimizers");
        gradCam.Should().OnlyContain(g => File.Exists(Path.Combine(folder, "tiny", g[1].Value)));
        gradCam.Select(g => (g[2].Value, g[3].Value)).Distinct().Should().HaveCount(2, "both optimizers explain the same two test images");

        // Submitting the same sweep again duplicates nothing: the finished jobs are reused.
        var again = GrnProcess.Run("run", spec, "--out", folder);
        again.ExitCode.Should().Be(0);
        Directory.GetFiles(Path.Combine(folder, "tiny"), "result.json", SearchOption.AllDirectories).Should().HaveCount(4);
    }

    [Fact]
    public void The_embedded_silo_keeps_tls_off_whatever_the_environment_says()
    {
        // A shell that also deploys silos may carry their TLS settings; grn run's one process on
        // loopback has nothing to secure and must not ask for their certificate files.
        var spec = Spec("""
            name: local
            datasets: [mnist-digits-10k]
            optimizers: [sgd]
            seeds: [1]
            epochs: 1
            limits: { max_train_samples: 128, max_test_samples: 64 }
            """);
        var environment = new Dictionary<string, string>
        {
            ["Silo__Tls__Enabled"] = "true",
            ["Silo__Tls__CertificatePath"] = Path.Combine(folder, "missing.crt"),
        };

        var (exitCode, output, error) = GrnProcess.RunWith(environment, "run", spec, "--out", folder);

        exitCode.Should().Be(0, error + output);
        output.Should().Contain("sweep completed: 1 completed, 0 failed");
    }

    [Fact]
    public void A_study_runs_both_phases_on_the_embedded_silo_and_prints_its_verdicts()
    {
        var spec = Spec("""
            name: study
            datasets: [mnist-digits-10k]
            optimizers:
              sgd: {lr: [0.05, 0.01], momentum: [0.9]}
              enhanced-sgd: {lr: [0.05]}
            validation: {fraction: 0.2}
            epochs: 2
            limits: { max_train_samples: 256, max_test_samples: 128 }
            protocol: {tune_seeds: [1], evaluate_seeds: [11, 12, 13, 14, 15]}
            """);
        var (exitCode, output, error) = GrnProcess.Run("run", spec, "--out", folder, "--slots", "2");

        exitCode.Should().Be(0, error + output);
        output.Should().Contain("a study of 3 tuning jobs, then up to 10 evaluation jobs");
        output.Should().Contain("study, phase tune (1 of 2)").And.Contain("study, phase evaluate (2 of 2): 13 jobs");
        output.Should().Contain("verdicts against the best baseline");
        output.Should().MatchRegex(@"On mnist-digits-10k, enhanced-sgd (wins against|ties with|loses to) sgd: .* over 5 paired seed\(s\)\.");
        output.Should().Contain("sweep completed: 13 completed, 0 failed");
        var results = Directory.GetFiles(Path.Combine(folder, "study"), "result.json", SearchOption.AllDirectories)
            .Select(path => JsonDocument.Parse(File.ReadAllText(path)).RootElement.GetProperty("spec")).ToList();
        results.Should().HaveCount(13);
        var evaluated = results.Where(r => r.GetProperty("seed").GetInt64() >= 11).ToList();
        evaluated.Should().HaveCount(10).And.OnlyContain(r => r.GetProperty("epochs").GetInt32() == 2);
        evaluated.Where(r => r.GetProperty("optimizer").GetString() == "sgd").Select(r => r.GetProperty("hyper_parameters").GetProperty("lr").GetString())
            .Distinct().Should().ContainSingle("one configuration of sgd was chosen and re-run on every evaluation seed");
        File.ReadAllLines(Path.Combine(folder, "study", "verdicts.csv")).Should().HaveCount(2, "a header and enhanced-sgd's verdict on the one dataset");
        File.ReadAllText(Path.Combine(folder, "study", "report.html")).Should().Contain("id=\"verdicts\"").And.Contain("enhanced-sgd");
    }

    [Fact]
    public void A_search_with_a_validation_split_and_asha_runs_on_the_embedded_silo_and_a_second_run_reuses_every_trial()
    {
        var spec = Spec("""
            name: search
            datasets: [mnist-digits-10k]
            optimizers:
              sgd: {lr: {log_uniform: [0.0001, 0.1]}, momentum: [0.9]}
              adam: {lr: {log_uniform: [0.00001, 0.1]}}
            search: {method: quasi-random, trials: 4, seed: 11}
            validation: {fraction: 0.2}
            early_stop: {type: asha, grace_epochs: 1, reduction_factor: 2}
            seeds: [1]
            epochs: 2
            limits: { max_train_samples: 320, max_test_samples: 128 }
            """);
        var (exitCode, output, error) = GrnProcess.Run("run", spec, "--out", folder);

        exitCode.Should().Be(0, error + output);
        output.Should().MatchRegex(@"sweep completed: \d+ completed, 0 failed, 0 diverged, 0 cancelled, \d+ stopped_early");
        var results = Directory.GetFiles(Path.Combine(folder, "search"), "result.json", SearchOption.AllDirectories);
        results.Should().HaveCount(8);
        var epochsCsv = File.ReadAllLines(Directory.GetFiles(Path.Combine(folder, "search"), "epochs.csv", SearchOption.AllDirectories)[0]);
        epochsCsv[0].Should().Contain("ValidationLoss").And.Contain("ValidationMetric");
        using var aggregate = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "search", "aggregate.json")));
        aggregate.RootElement.GetProperty("metric").GetProperty("metric").GetString().Should().Be("validation_metric", "with a validation split the sweep is compared on it");

        var stamps = results.ToDictionary(r => r, File.GetLastWriteTimeUtc);
        var again = GrnProcess.Run("run", spec, "--out", folder);
        again.ExitCode.Should().Be(0, again.Error + again.Output);
        results.Should().OnlyContain(r => File.GetLastWriteTimeUtc(r) == stamps[r], "the same spec draws the same trials, and every finished or stopped one is reused untouched");
    }

    [Fact]
    public void Failing_jobs_are_retried_and_stop_the_sweep_after_max_failed_trials()
    {
        // cifar10 is not downloaded under this data root, so every attempt fails before training.
        var spec = Spec("""
            name: broken
            datasets: [cifar10]
            optimizers: [sgd]
            seeds: [1, 2, 3]
            epochs: 1
            max_attempts: 2
            max_failed_trials: 2
            """);
        var (exitCode, output, _) = GrnProcess.Run("run", spec, "--out", folder, "--data-root", Path.Combine(folder, "no-data"));

        exitCode.Should().Be(1);
        output.Should().Contain("grn data prepare cifar10");
        output.Should().Contain("sweep stopped: 0 completed, 2 failed");
    }

    const string TwelveShortJobs = """
        name: interrupted
        datasets: [mnist-digits-10k]
        optimizers: [sgd]
        seeds: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]
        epochs: 2
        limits: { max_train_samples: 512, max_test_samples: 128 }
        """;

    /// <summary>
    /// Runs grn run on <paramref name="spec"/> and sends it SIGINT, as Ctrl-C in a terminal would,
    /// when a line containing the next of <paramref name="interruptAt"/> appears: the signals follow
    /// grn's own progress, not the clock. Waits for it to exit.
    /// </summary>
    (int ExitCode, string Output, string Error) RunInterrupted(string spec, params string[] interruptAt)
    {
        using var process = Signals.StartInterruptible("dotnet", Path.Combine(AppContext.BaseDirectory, "grn.dll"), "run", spec, "--out", folder);
        var output = new System.Text.StringBuilder();
        var error = new System.Text.StringBuilder();
        var next = 0;
        var allSent = new ManualResetEventSlim(interruptAt.Length == 0);
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data is null) return;
            lock (output)
            {
                output.AppendLine(line.Data);
                if (next < interruptAt.Length && line.Data.Contains(interruptAt[next]))
                {
                    Signals.Interrupt(process.Id);
                    if (++next == interruptAt.Length) allSent.Set();
                }
            }
        };
        process.ErrorDataReceived += (_, line) => { if (line.Data is not null) lock (error) error.AppendLine(line.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var sent = allSent.Wait(TimeSpan.FromMinutes(2));
        var exited = process.WaitForExit(TimeSpan.FromMinutes(1));
        if (!exited) process.Kill(entireProcessTree: true);
        process.WaitForExit(); // and the last lines read
        string text;
        lock (output) text = output.ToString();
        sent.Should().BeTrue("grn should print each of [{0}]; it printed:\n{1}", string.Join(", ", interruptAt), text);
        exited.Should().BeTrue("grn should stop within a minute of Ctrl-C; it printed:\n{0}", text);
        lock (error) return (process.ExitCode, text, error.ToString());
    }

    [Fact]
    public void Ctrl_C_cancels_the_rest_and_keeps_finished_results()
    {
        var (exitCode, output, error) = RunInterrupted(Spec(TwelveShortJobs), "[1/12]"); // eleven jobs of one slot still to go

        exitCode.Should().Be(130, "Ctrl-C cancels the sweep; grn printed:\n{0}{1}", output, error);
        output.Should().Contain("cancelling: finished jobs keep their results").And.Contain("sweep cancelled: 1 completed, ");
        var statuses = Directory.GetFiles(Path.Combine(folder, "interrupted"), "result.json", SearchOption.AllDirectories)
            .Select(path => JsonDocument.Parse(File.ReadAllText(path)).RootElement.GetProperty("status").GetString()).ToList();
        statuses.Should().Contain("completed").And.NotContain("running", "every result on disk is settled");
        statuses.Count(s => s == "completed").Should().BeLessThan(12);
        File.Exists(Path.Combine(folder, "interrupted", "aggregate.json")).Should().BeTrue("the finished jobs are aggregated");
        File.Exists(Path.Combine(folder, "interrupted", "report.html")).Should().BeTrue();
    }

    [Fact]
    public void Ctrl_C_while_the_silo_starts_still_ends_with_the_summary()
    {
        // The clean-up after this Ctrl-C (start the silo, cancel every job, stop it, report) takes
        // seconds: grn waits for it, however long, before it exits.
        var (exitCode, output, error) = RunInterrupted(Spec(TwelveShortJobs), "sweep interrupted: 12 jobs");

        exitCode.Should().Be(130, "grn printed:\n{0}{1}", output, error);
        output.Should().Contain("sweep cancelled: 0 completed, 0 failed, 0 diverged, 12 cancelled");
        error.Should().BeEmpty();
    }

    [Fact]
    public void A_second_Ctrl_C_quits_at_once_without_the_summary()
    {
        var (exitCode, output, error) = RunInterrupted(Spec(TwelveShortJobs), "[1/12]", "cancelling: finished jobs keep their results");

        exitCode.Should().Be(130, "grn printed:\n{0}{1}", output, error);
        error.Should().Be("interrupted again: quitting without waiting for the clean-up\n");
        output.Should().NotContain("sweep cancelled");
    }

    [Fact]
    public async Task With_an_api_port_the_running_sweep_answers_the_http_api()
    {
        var spec = Spec("""
            name: served
            datasets: [mnist-digits-10k]
            optimizers: [sgd]
            seeds: [1, 2]
            epochs: 3
            limits: { max_train_samples: 1024, max_test_samples: 128 }
            """);
        var port = GradRetentionNet.Grains.FreePorts.Next();
        var start = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "grn.dll"), "run", spec, "--out", folder, "--api-port", port.ToString() })
            start.ArgumentList.Add(argument);
        start.Environment["GRN_TOKEN"] = "local-token";
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        // Poll the sweep through the API while it runs, as `grn status --server` would: the port
        // opens before the sweep is submitted (404 until then).
        JsonElement? status = null;
        var answers = new List<string>();
        for (var deadline = DateTime.UtcNow.AddMinutes(1); status is null && !process.HasExited && DateTime.UtcNow < deadline; await Task.Delay(100))
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "/api/sweeps/served");
                request.Headers.Authorization = new("Bearer", "local-token");
                using var response = await http.SendAsync(request);
                if (response.IsSuccessStatusCode) status = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
                else answers.Add(((int)response.StatusCode).ToString());
            }
            catch (HttpRequestException)
            {
                answers.Add("not listening");
            }
        }
        status.Should().NotBeNull("the embedded silo serves the API while the sweep runs (answers: {0}; exited: {1})",
            string.Join(", ", answers.Distinct()), process.HasExited);
        status!.Value.GetProperty("jobs").GetArrayLength().Should().Be(2);
        (await http.GetAsync("/api/sweeps/served")).StatusCode.Should().Be(System.Net.HttpStatusCode.Unauthorized);

        (await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromMinutes(3)).Token).ContinueWith(_ => process.ExitCode)).Should().Be(0, await output);
        (await output).Should().Contain($"API: http://127.0.0.1:{port}/api/sweeps/served").And.NotContain("local-token");
    }

    [Fact]
    public void An_api_port_without_a_token_is_refused()
    {
        var spec = Spec("name: x\ndatasets: [fashion-mnist]\noptimizers: [sgd]\nseeds: [1]\nepochs: 1\n");
        var (exitCode, _, error) = GrnProcess.Run("run", spec, "--out", folder, "--api-port", "8123", "--token", " ");
        exitCode.Should().Be(2);
        error.TrimEnd().Should().Be("error: --api-port needs a token: set --token or GRN_TOKEN");
    }

    [Fact]
    public void A_bad_spec_is_refused_before_any_silo_starts()
    {
        var spec = Spec("name: x\ndatasets: [fashion-mnist]\noptimizers: [sgd]\nseeds: [1]\nepochs: 0\n");
        var (exitCode, output, error) = GrnProcess.Run("run", spec, "--out", folder);
        exitCode.Should().Be(2);
        error.TrimEnd().Should().Be($"error: {spec}: epochs: must be between 1 and 10000, got 0");
        output.Should().BeEmpty();
    }

    [Theory]
    [InlineData("run")]
    [InlineData("submit")]
    public void A_folder_as_spec_is_one_line_saying_so(string verb)
    {
        var (exitCode, output, error) = GrnProcess.Run(verb, folder);

        (exitCode, error, output).Should().Be((2, $"error: sweep spec {folder} is a folder: give the YAML file of the spec\n", ""));
    }

    [Theory]
    [InlineData("grn.dll")] // a program, not a spec: the likeliest binary to be passed by mistake
    [InlineData("escapes")] // bytes that read as a key full of terminal control codes
    public void A_binary_file_as_spec_is_one_line_on_stderr_and_exit_2(string kind)
    {
        var path = Path.Combine(folder, "binary.yaml");
        if (kind == "grn.dll") File.Copy(Path.Combine(AppContext.BaseDirectory, "grn.dll"), path);
        else File.WriteAllBytes(path, [0x1b, (byte)'[', (byte)'2', (byte)'J', 0x07, 0x01, 0xff, 0xfe, (byte)':', (byte)' ', 0x02, 0x03, (byte)'\n']);

        var (exitCode, output, error) = GrnProcess.Run("run", path, "--out", folder);

        exitCode.Should().Be(2, error);
        error.Should().StartWith($"error: {path}: ").And.EndWith("\n");
        error.TrimEnd('\n').Should().NotContain("\n").And.Match(line => !line.Any(char.IsControl), "control codes are written as escapes, not sent to the terminal");
        output.Should().BeEmpty();
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
