using GradRetentionNet.Contracts.Sweeps;
using GradRetentionNet.Sweeps.Spec;

namespace GradRetentionNet.Sweeps.Tests.Spec;

public sealed class SweepSpecTests
{
    internal const string Full = """
        name: quick-mnist
        datasets: [mnist-digits-10k, fashion-mnist]
        models: [simple-cnn]
        optimizers: [enhanced-sgd, sgd, adam]
        seeds: [1, 2, 3]
        epochs: 2
        batch_size: 64
        grid:
          lr: [0.01, 0.001]
        limits:
          max_train_samples: 2000
          max_test_samples: 1000
        metric:
          name: test_metric
          goal: max
          target: 0.9
        resources:
          device: cpu
          trials_per_gpu: 2
        max_failed_trials: 5
        max_attempts: 2
        """;

    static SweepSpec Parse(string yaml) => SweepSpecParser.Parse(yaml, "sweep.yaml");

    [Fact]
    public void A_full_spec_reads_every_key()
    {
        var spec = Parse(Full);
        spec.Name.Should().Be("quick-mnist");
        spec.Datasets.Should().Equal("mnist-digits-10k", "fashion-mnist");
        spec.Models.Should().Equal("simple-cnn");
        spec.Optimizers.Should().Equal("enhanced-sgd", "sgd", "adam");
        spec.Seeds.Should().Equal(1L, 2L, 3L);
        spec.Grid["lr"].Should().Equal("0.01", "0.001");
        spec.MaxTrainSamples.Should().Be(2000);
        spec.MaxTestSamples.Should().Be(1000);
        spec.Metric.Should().Be(new MetricSpec("test_metric", "max", 0.9));
        spec.Device.Should().Be("cpu");
        spec.TrialsPerGpu.Should().Be(2);
        spec.MaxFailedTrials.Should().Be(5);
        spec.MaxAttempts.Should().Be(2);
    }

    [Fact]
    public void Expansion_is_the_full_product_with_stable_unique_ids()
    {
        var jobs = SweepExpander.Expand(Parse(Full), "sweep.yaml");
        jobs.Should().HaveCount(2 * 1 * 3 * 2 * 3);
        jobs.Select(j => j.Id).Should().OnlyHaveUniqueItems();
        SweepExpander.Expand(Parse(Full), "sweep.yaml").Select(j => j.Id).Should().Equal(jobs.Select(j => j.Id), "resubmitting gives the same ids");
        jobs[0].Spec.HyperParameters.Should().Equal(new Dictionary<string, string> { ["lr"] = "0.01" });
        jobs[0].GridPoint.Should().Equal(jobs[0].Spec.HyperParameters);
        jobs.Should().OnlyContain(j => j.Spec.Epochs == 2 && j.Spec.MaxTrainSamples == 2000 && j.Spec.Device == "cpu");
        var onGpu = SweepExpander.Expand(Parse(Full.Replace("device: cpu", "device: cuda:0")), "sweep.yaml");
        onGpu.Select(j => j.Id).Should().Equal(jobs.Select(j => j.Id), "where a job runs does not change what it is");
    }

    [Fact]
    public void Models_default_per_dataset_and_the_grid_multiplies_out()
    {
        var spec = Parse("""
            name: mixed
            datasets: [fashion-mnist, imdb-sentences, voc-labelme-examples]
            optimizers: [adam]
            seeds: [7]
            grid: { lr: [0.001, 0.0003], weight_decay: [0, 0.01] }
            """);
        var jobs = SweepExpander.Expand(spec, "sweep.yaml");
        jobs.Select(j => j.Spec.Model).Distinct().Should().Equal("simple-cnn", "text-classifier", "simple-unet");
        jobs.Should().HaveCount(3 * 4);
        SweepExpander.GridPoints(spec.Grid).Select(p => string.Join(",", p.Select(kv => $"{kv.Key}={kv.Value}")))
            .Should().Equal("lr=0.001,weight_decay=0", "lr=0.001,weight_decay=0.01", "lr=0.0003,weight_decay=0", "lr=0.0003,weight_decay=0.01");
    }

    [Theory]
    [InlineData("colour: red", "sweep.yaml: colour: unknown key (line *): allowed keys are name, datasets, models, optimizers, seeds, epochs, *")]
    [InlineData("limits: { max_train: 5 }", "sweep.yaml: limits.max_train: unknown key (line *): allowed keys are max_train_samples, max_test_samples")]
    [InlineData("metric: { aim: max }", "sweep.yaml: metric.aim: unknown key*")]
    [InlineData("resources: { gpus: 2 }", "sweep.yaml: resources.gpus: unknown key*allowed keys are device, trials_per_gpu")]
    [InlineData("epochs: 0", "sweep.yaml: epochs: must be between 1 and 10000, got 0")]
    [InlineData("epochs: two", "sweep.yaml: epochs: must be a whole number, got 'two'")]
    [InlineData("batch_size: -1", "sweep.yaml: batch_size: must be between 1 and *, got -1")]
    [InlineData("limits: { max_train_samples: 0 }", "sweep.yaml: limits.max_train_samples: must be >= 1, got 0")]
    [InlineData("resources: { trials_per_gpu: 0 }", "sweep.yaml: resources.trials_per_gpu: must be between 1 and 64, got 0")]
    [InlineData("resources: { device: tpu }", "sweep.yaml: resources.device: invalid device 'tpu': use auto, cpu or cuda:N")]
    [InlineData("max_attempts: 0", "sweep.yaml: max_attempts: must be between 1 and 100, got 0")]
    [InlineData("max_failed_trials: 0", "sweep.yaml: max_failed_trials: must be >= 1*")]
    [InlineData("metric: { goal: biggest }", "sweep.yaml: metric.goal: 'biggest' is not allowed: use one of max, min")]
    [InlineData("metric: { name: f1 }", "sweep.yaml: metric.name: 'f1' is not allowed: use one of test_metric, test_loss, train_loss, validation_metric, validation_loss")]
    [InlineData("metric: { target: high }", "sweep.yaml: metric.target: must be a number, got 'high'")]
    [InlineData("grid: { momentum: [0.9] }", "sweep.yaml: grid.momentum: is not a hyperparameter of optimizer 'adam', which takes lr, beta1, *")]
    [InlineData("grid: { lr: [0.1, -1] }", "sweep.yaml: grid.lr: optimizer 'sgd': lr = -1 is out of range: must be > 0")]
    [InlineData("grid: { lr: [] }", "sweep.yaml: grid.lr: must not be empty")]
    [InlineData("grid: { lr: [0.1, 0.1] }", "sweep.yaml: grid.lr: lists a value twice")]
    public void Each_rule_names_its_field(string extra, string message)
    {
        var yaml = "name: s\ndatasets: [fashion-mnist]\noptimizers: [sgd, adam]\nseeds: [1]\n" + extra + "\n";
        var parse = () => Parse(yaml);
        parse.Should().Throw<SweepSpecException>().WithMessage(message).Which.Message.Should().NotContain("\n");
    }

    [Theory]
    [InlineData("name: s\ndatasets: [svhn]\noptimizers: [sgd]\nseeds: [1]", "sweep.yaml: datasets: unknown name 'svhn': allowed are fashion-mnist, *")]
    [InlineData("name: s\ndatasets: [fashion-mnist]\noptimizers: [lion]\nseeds: [1]", "sweep.yaml: optimizers: unknown name 'lion': allowed are sgd, adam, *")]
    [InlineData("name: s\ndatasets: [fashion-mnist]\nmodels: [resnet]\noptimizers: [sgd]\nseeds: [1]", "sweep.yaml: models: unknown name 'resnet': allowed are simple-cnn, *")]
    [InlineData("name: s\ndatasets: [imdb-sentences]\nmodels: [simple-cnn]\noptimizers: [sgd]\nseeds: [1]", "sweep.yaml: models: 'simple-cnn' cannot train dataset 'imdb-sentences'*")]
    [InlineData("name: s\ndatasets: []\noptimizers: [sgd]\nseeds: [1]", "sweep.yaml: datasets: must not be empty")]
    [InlineData("name: s\ndatasets: [fashion-mnist]\noptimizers: [sgd]\nseeds: []", "sweep.yaml: seeds: must not be empty")]
    [InlineData("name: s\ndatasets: [fashion-mnist]\noptimizers: [sgd]\nseeds: [1, 1]", "sweep.yaml: seeds: lists a seed twice")]
    [InlineData("name: s\ndatasets: [fashion-mnist]\noptimizers: [sgd]\nseeds: [-3]", "sweep.yaml: seeds[0]: must be >= 0, got -3")]
    [InlineData("datasets: [fashion-mnist]\noptimizers: [sgd]\nseeds: [1]", "sweep.yaml: name: is required")]
    [InlineData("name: s\noptimizers: [sgd]\nseeds: [1]", "sweep.yaml: datasets: is required")]
    [InlineData("name: bad name!\ndatasets: [fashion-mnist]\noptimizers: [sgd]\nseeds: [1]", "sweep.yaml: name: 'bad name!' must be 1-64 letters*")]
    [InlineData("name: s\ndatasets: [fashion-mnist\n", "sweep.yaml: line *, column *: not valid YAML*")]
    [InlineData("- just\n- a list\n", "sweep.yaml: (top level): must be a mapping*")]
    public void Names_lists_and_structure_are_checked(string yaml, string message)
    {
        var parse = () => Parse(yaml);
        parse.Should().Throw<SweepSpecException>().WithMessage(message).Which.Message.Should().NotContain("\n");
    }

    [Fact]
    public void A_grid_larger_than_the_cap_is_refused_before_anything_runs()
    {
        var spec = Parse("name: big\ndatasets: [fashion-mnist]\noptimizers: [sgd]\nseeds: [1, 2, 3, 4]\ngrid: { lr: [0.1, 0.01, 0.001], momentum: [0.5, 0.9] }\n");
        var expand = () => SweepExpander.Expand(spec, "sweep.yaml", maxJobs: 20);
        expand.Should().Throw<SweepSpecException>().WithMessage("sweep.yaml: grid: the sweep has 24 jobs (1 datasets x 1 models x 1 optimizers x 6 grid points x 4 seeds), more than the cap of 20*");
        SweepExpander.Expand(spec, "sweep.yaml", maxJobs: 24).Should().HaveCount(24);
    }

    [Fact]
    public void The_shipped_example_is_valid()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "examples", "quick.yaml");
        var jobs = SweepExpander.Expand(SweepSpecParser.ParseFile(path), path);
        jobs.Should().HaveCount(12);
    }

    [Fact]
    public void The_shipped_full_study_is_valid_and_compares_every_optimizer_of_the_catalogue()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "examples", "study-full.yaml");
        var spec = SweepSpecParser.ParseFile(path);
        spec.Optimizers.Should().BeEquivalentTo(GradRetentionNet.Training.Optimizers.Catalog.OptimizerCatalog.Names);
    }

    [Fact]
    public void The_shipped_search_example_draws_eight_trials_per_optimizer_chosen_and_stopped_on_validation()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "examples", "search.yaml");
        var spec = SweepSpecParser.ParseFile(path);
        var jobs = SweepExpander.Expand(spec, path);

        jobs.Should().HaveCount(24);
        jobs.GroupBy(j => j.Spec.Optimizer).Should().OnlyContain(g => g.Count() == 8 && g.Select(j => j.Spec.HyperParameters["lr"]).Distinct().Count() == 8);
        jobs.Should().OnlyContain(j => j.Spec.ValidationFraction == 0.1);
        spec.Metric.Name.Should().Be("validation_metric");
        spec.EarlyStop!.Type.Should().Be(EarlyStopRule.Asha);
    }
}
