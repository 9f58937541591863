using GradRetentionNet.Contracts.Sweeps;
using GradRetentionNet.Sweeps.Spec;

namespace GradRetentionNet.Sweeps.Tests.Spec;

/// <summary>The spec keys of a fair comparison: optimizers as a map of search spaces, search, validation, early_stop.</summary>
public sealed class SearchSpaceSpecTests
{
    /// <summary>The example of docs/study-protocol.md ("How a spec says it"), less its protocol: block (<see cref="ProtocolSpecTests"/>), and with seeds.</summary>
    internal const string ProtocolExample = """
        name: study-digits
        datasets: [mnist-digits-10k, fashion-mnist]
        optimizers:                      # a map: optimizer -> its search space (a plain list still works)
          sgd:          {lr: {log_uniform: [0.001, 1]}, momentum: [0.9]}
          adam:         {lr: {log_uniform: [0.00001, 0.01]}}
          enhanced-sgd: {lr: {log_uniform: [0.001, 1]}}
        search: {method: quasi-random, trials: 16, seed: 7}   # grid | random | quasi-random
        validation: {fraction: 0.1}
        early_stop: {type: asha, metric: validation_metric, grace_epochs: 1, reduction_factor: 3}
        epochs: 10
        seeds: [1]
        """;

    static SweepSpec Parse(string yaml) => SweepSpecParser.Parse(yaml, "sweep.yaml");

    [Fact]
    public void The_protocol_example_reads_every_new_key()
    {
        var spec = Parse(ProtocolExample);
        spec.Optimizers.Should().Equal(["sgd", "adam", "enhanced-sgd"], "the map's keys keep their written order");
        spec.Spaces.Should().NotBeNull().And.HaveCount(3);
        spec.Spaces!["sgd"]["lr"].Should().BeEquivalentTo(ParameterSpace.Range(SpaceKind.LogUniform, 0.001, 1));
        spec.Spaces["sgd"]["momentum"].Should().BeEquivalentTo(ParameterSpace.Choice("0.9"));
        spec.Spaces["adam"].Keys.Should().Equal("lr");
        spec.Search.Should().Be(new SearchSpec(SearchMethod.QuasiRandom, 16, 7));
        spec.Validation.Should().Be(new ValidationSpec(0.1));
        spec.EarlyStop.Should().Be(new EarlyStopSpec(EarlyStopRule.Asha, "validation_metric", 1, 3));
        spec.Metric.Name.Should().Be("validation_metric", "with a validation split, choosing uses it unless the spec says otherwise");
        spec.Grid.Should().BeEmpty();
    }

    [Fact]
    public void Explain_sets_the_grad_cam_maps_every_job_draws_and_without_it_sweep_jobs_draw_none()
    {
        SweepExpander.Expand(Parse(ProtocolExample), "sweep.yaml").Should().OnlyContain(j => j.Spec.GradCamSamples == 0);
        SweepExpander.Expand(Parse(ProtocolExample + "\nexplain: {gradcam_samples: 3}\n"), "sweep.yaml").Should().OnlyContain(j => j.Spec.GradCamSamples == 3);
        Parse(ProtocolExample + "\nexplain: {}\n").GradCamSamples.Should().Be(4, "the default of grn train");

        var tooMany = () => Parse(ProtocolExample + "\nexplain: {gradcam_samples: 65}\n");
        tooMany.Should().Throw<SweepSpecException>().WithMessage("sweep.yaml: explain.gradcam_samples: must be between 0 and 64, got 65");
        var unknown = () => Parse(ProtocolExample + "\nexplain: {saliency: 3}\n");
        unknown.Should().Throw<SweepSpecException>().WithMessage("sweep.yaml: explain.saliency: unknown key*allowed keys are gradcam_samples");
    }

    [Fact]
    public void The_protocol_example_expands_to_trials_per_optimizer_per_dataset_with_the_validation_split()
    {
        var spec = Parse(ProtocolExample);
        var plan = SweepExpander.Plan(spec, "/out");
        plan.Should().HaveCount(2 * 3 * 16 * 1);
        plan.Should().HaveCount(SweepExpander.CountJobs(spec));
        plan.Select(j => j.JobId).Should().OnlyHaveUniqueItems();
        plan.Should().OnlyContain(j => j.Spec.ValidationFraction == 0.1 && j.Spec.Epochs == 10);
        plan.Where(j => j.Spec.Optimizer == "sgd").Should().OnlyContain(j => j.Spec.HyperParameters["momentum"] == "0.9" && j.GridPoint.StartsWith("lr=", StringComparison.Ordinal));
        foreach (var optimizer in spec.Optimizers)
        {
            var perDataset = plan.Where(j => j.Spec.Optimizer == optimizer).GroupBy(j => j.Spec.Dataset)
                .Select(g => g.Select(j => j.GridPoint).ToList()).ToList();
            perDataset.Should().HaveCount(2);
            perDataset[1].Should().Equal(perDataset[0], "every dataset gets the same configurations: one budget per optimizer per dataset");
        }
    }

    [Fact]
    public void Metric_without_a_name_becomes_the_validation_metric_and_a_named_one_stays()
    {
        const string baseSpec = "name: s\ndatasets: [fashion-mnist]\noptimizers: [sgd]\nseeds: [1]\nvalidation: {fraction: 0.2}\n";
        Parse(baseSpec).Metric.Should().Be(new MetricSpec("validation_metric"));
        Parse(baseSpec + "metric: {target: 0.9}").Metric.Should().Be(new MetricSpec("validation_metric", "max", 0.9));
        Parse(baseSpec + "metric: {name: test_loss, goal: min}").Metric.Should().Be(new MetricSpec("test_loss", "min"));
        Parse(baseSpec + "metric: {name: validation_loss}").Metric.Goal.Should().Be("min", "a loss is better lower unless the spec says otherwise");
        Parse(baseSpec + "metric: {name: train_loss}").Metric.Goal.Should().Be("min");
        Parse(baseSpec + "metric: {name: validation_metric}").Metric.Goal.Should().Be("max");
        Parse(baseSpec + "metric: {name: test_loss, goal: max}").Metric.Goal.Should().Be("max", "a written goal stands");
        Parse(baseSpec + "metric: {name: validation_loss, goal: min}").Metric.Name.Should().Be("validation_loss");
        Parse(baseSpec.Replace("validation: {fraction: 0.2}\n", "")).Metric.Name.Should().Be("test_metric", "without a validation split nothing changes");
    }

    [Fact]
    public void Empty_spaces_and_scalars_run_the_defaults_and_the_one_value()
    {
        var spec = Parse("""
            name: s
            datasets: [fashion-mnist]
            optimizers:
              adam: {}
              adamw:
              sgd: {lr: 0.05, nesterov: true}
            seeds: [1, 2]
            """);
        spec.Search.Method.Should().Be(SearchMethod.Grid);
        spec.Spaces!["adam"].Should().BeEmpty();
        spec.Spaces["adamw"].Should().BeEmpty();
        var plan = SweepExpander.Plan(spec, "/out");
        plan.Select(j => $"{j.Spec.Optimizer} {j.GridPoint} {j.Spec.Seed}").Should().Equal(
            "adam  1", "adam  2", "adamw  1", "adamw  2", "sgd lr=0.05,nesterov=true 1", "sgd lr=0.05,nesterov=true 2");
    }

    [Fact]
    public void A_grid_over_per_optimizer_lists_runs_each_optimizers_own_product()
    {
        var spec = Parse("""
            name: s
            datasets: [fashion-mnist, mnist-digits-10k]
            optimizers:
              sgd: {lr: [0.1, 0.01, 0.001], momentum: [0.9, 0.5]}
              adam: {lr: [0.001, 0.0003]}
              rmsprop: {}
            seeds: [1, 2]
            search: {method: grid}
            """);
        var plan = SweepExpander.Plan(spec, "/out");
        plan.Should().HaveCount(2 * (6 + 2 + 1) * 2);
        SweepExpander.CountJobs(spec).Should().Be(plan.Count);
        plan.Select(j => j.JobId).Should().OnlyHaveUniqueItems();
        plan.Where(j => j.Spec is { Optimizer: "sgd", Dataset: "fashion-mnist", Seed: 1 }).Select(j => j.GridPoint).Should().Equal(
            "lr=0.1,momentum=0.9", "lr=0.1,momentum=0.5", "lr=0.01,momentum=0.9", "lr=0.01,momentum=0.5", "lr=0.001,momentum=0.9", "lr=0.001,momentum=0.5");
        plan.Where(j => j.Spec is { Optimizer: "adam", Dataset: "fashion-mnist", Seed: 1 }).Select(j => j.GridPoint).Should().Equal("lr=0.001", "lr=0.0003");
        plan.Should().OnlyContain(j => j.Spec.ValidationFraction == null);
    }

    [Fact]
    public void A_spec_in_the_list_form_expands_to_the_jobs_it_always_did()
    {
        var job = SweepExpander.Expand(Parse(SweepSpecTests.Full), "sweep.yaml")[0];
        // The job as the expander wrote it before search spaces existed: no validation fraction,
        // so the id hashes exactly the fields it always hashed.
        var before = new Contracts.Jobs.JobSpec
        {
            Dataset = "mnist-digits-10k",
            Model = "simple-cnn",
            Optimizer = "enhanced-sgd",
            Seed = 1,
            Epochs = 2,
            BatchSize = 64,
            HyperParameters = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["lr"] = "0.01" },
            MaxTrainSamples = 2000,
            MaxTestSamples = 1000,
            Device = "cpu",
        };
        // Sweep jobs never drew Grad-CAM maps before explain: existed, and still draw none without it
        // (the count is not part of the id).
        job.Spec.Should().BeEquivalentTo(before with { GradCamSamples = 0 });
        job.Id.Should().Be(before.Id);
    }

    [Fact]
    public void A_validation_split_is_part_of_each_jobs_identity()
    {
        const string yaml = "name: s\ndatasets: [fashion-mnist]\noptimizers: [sgd]\nseeds: [1]\n";
        var without = SweepExpander.Plan(Parse(yaml), "/out").Single();
        var with = SweepExpander.Plan(Parse(yaml + "validation: {fraction: 0.1}\n"), "/out").Single();
        with.Spec.ValidationFraction.Should().Be(0.1);
        with.JobId.Should().NotBe(without.JobId, "training on 90 % of the split is a different job");
    }

    [Fact]
    public void A_search_larger_than_the_cap_says_which_optimizers_make_it_large()
    {
        var spec = Parse("""
            name: big
            datasets: [fashion-mnist]
            optimizers:
              sgd: {lr: {log_uniform: [0.001, 1]}}
              adam: {lr: {log_uniform: [0.00001, 0.01]}}
            search: {method: random, trials: 30, seed: 1}
            seeds: [1, 2]
            """);
        var expand = () => SweepExpander.Expand(spec, "sweep.yaml", maxJobs: 100);
        expand.Should().Throw<SweepSpecException>().WithMessage(
            "sweep.yaml: search.trials: the sweep has 120 jobs (1 datasets x 1 models x (30 sgd + 30 adam) trials x 2 seeds), more than the cap of 100*");
        SweepExpander.Expand(spec, "sweep.yaml", maxJobs: 120).Should().HaveCount(120);

        var grid = Parse("name: g\ndatasets: [fashion-mnist]\noptimizers: {sgd: {lr: [0.1, 0.01, 0.001]}, adam: {}}\nseeds: [1]\n");
        var expandGrid = () => SweepExpander.Expand(grid, "sweep.yaml", maxJobs: 3);
        expandGrid.Should().Throw<SweepSpecException>().WithMessage("sweep.yaml: optimizers: the sweep has 4 jobs (* x (3 sgd + 1 adam) grid points x 1 seeds)*");
    }

    const string Head = "name: s\ndatasets: [fashion-mnist]\nseeds: [1]\n";

    [Theory]
    [InlineData("optimizers: {sgd: {lr: [0.1]}}\ngrid: {lr: [0.1]}", "sweep.yaml: grid: optimizers is a map of search spaces: put the values in each optimizer's space*")]
    [InlineData("optimizers: {sgd: {lr: {log_uniform: [0.001, 1]}}}", "sweep.yaml: optimizers.sgd.lr: is a log_uniform range, and a grid search takes lists only: use search: {method: random} or quasi-random*")]
    [InlineData("optimizers: {sgd: {lr: {uniform: [0.1, 1]}}}\nsearch: {method: grid}", "sweep.yaml: optimizers.sgd.lr: is a uniform range, and a grid search takes lists only*")]
    [InlineData("optimizers: {sgd: {lr: [0.1]}}\nsearch: {method: grid, trials: 4}", "sweep.yaml: search.trials: a grid search runs every combination of the lists; trials is for random and quasi-random")]
    [InlineData("optimizers: {sgd: {lr: [0.1]}}\nsearch: {method: random}", "sweep.yaml: search.trials: is required for a random search*")]
    [InlineData("optimizers: [sgd]\nsearch: {method: quasi-random, trials: 8}", "sweep.yaml: optimizers: a quasi-random search draws from each optimizer's own space: write optimizers as a map of spaces*")]
    [InlineData("optimizers: {sgd: {}}\nsearch: {method: random, trials: 0}", "sweep.yaml: search.trials: must be between 1 and 100000, got 0")]
    [InlineData("optimizers: {sgd: {}}\nsearch: {method: random, trials: 100001}", "sweep.yaml: search.trials: must be between 1 and 100000, got 100001")]
    [InlineData("optimizers: {sgd: {}}\nsearch: {method: bayes, trials: 8}", "sweep.yaml: search.method: 'bayes' is not allowed: use one of grid, random, quasi-random")]
    [InlineData("optimizers: {sgd: {}}\nsearch: {trials: 8}", "sweep.yaml: search.method: is required: use one of grid, random, quasi-random")]
    [InlineData("optimizers: {sgd: {}}\nsearch: {method: random, trials: 8, seed: -1}", "sweep.yaml: search.seed: must be >= 0, got -1")]
    [InlineData("optimizers: {sgd: {}}\nsearch: {method: random, trials: 8, budget: 3}", "sweep.yaml: search.budget: unknown key*allowed keys are method, trials, seed")]
    [InlineData("optimizers: {sgd: {beta1: [0.9]}}", "sweep.yaml: optimizers.sgd.beta1: is not a hyperparameter of optimizer 'sgd', which takes lr, momentum, dampening, weight_decay, nesterov")]
    [InlineData("optimizers: {lion: {}}", "sweep.yaml: optimizers: unknown name 'lion': allowed are sgd, adam, *")]
    [InlineData("optimizers: {}", "sweep.yaml: optimizers: must not be empty")]
    [InlineData("optimizers: {adam: [lr]}", "sweep.yaml: optimizers.adam: must map hyperparameters to values, lists or ranges*, or be empty for the defaults (line *)")]
    [InlineData("optimizers: {adam: {lr: }}", "sweep.yaml: optimizers.adam.lr: must be a value, a list of values or a range*")]
    [InlineData("optimizers: {sgd: {lr: {uniform: [1, 0.1]}}}\nsearch: {method: random, trials: 4}", "sweep.yaml: optimizers.sgd.lr: uniform: low 1 is above high 0.1")]
    [InlineData("optimizers: {sgd: {lr: {log_uniform: [0, 1]}}}\nsearch: {method: random, trials: 4}", "sweep.yaml: optimizers.sgd.lr: log_uniform needs both ends > 0 (it draws uniformly in log space), got [0, 1]")]
    [InlineData("optimizers: {sgd: {weight_decay: {log_uniform: [-1, 1]}}}\nsearch: {method: random, trials: 4}", "sweep.yaml: optimizers.sgd.weight_decay: log_uniform needs both ends > 0*")]
    [InlineData("optimizers: {sgd: {weight_decay: {int_uniform: [0, 2.5]}}}\nsearch: {method: random, trials: 4}", "sweep.yaml: optimizers.sgd.weight_decay: int_uniform needs whole numbers of at most 15 digits at both ends, got [0, 2.5]")]
    [InlineData("optimizers: {sgd: {nesterov: {uniform: [0, 1]}}}\nsearch: {method: random, trials: 4}", "sweep.yaml: optimizers.sgd.nesterov: is not a number (true or false), so it takes no uniform range: list the values to try instead")]
    [InlineData("optimizers: {enhanced-sgd: {clip: {uniform: [0, 1]}}}\nsearch: {method: random, trials: 4}", "sweep.yaml: optimizers.enhanced-sgd.clip: is not a number (one of none, element-wise, global-norm), so it takes no uniform range*")]
    [InlineData("optimizers: {sgd: {lr: {normal: [0, 1]}}}\nsearch: {method: random, trials: 4}", "sweep.yaml: optimizers.sgd.lr.normal: unknown range: use one of uniform, log_uniform, int_uniform with [low, high]")]
    [InlineData("optimizers: {sgd: {lr: {uniform: [0.1, 1], log_uniform: [0.1, 1]}}}\nsearch: {method: random, trials: 4}", "sweep.yaml: optimizers.sgd.lr: a range has exactly one key, one of uniform, log_uniform, int_uniform, with [low, high]; got 2")]
    [InlineData("optimizers: {sgd: {lr: {uniform: [0.1]}}}\nsearch: {method: random, trials: 4}", "sweep.yaml: optimizers.sgd.lr.uniform: must be [low, high], two numbers")]
    [InlineData("optimizers: {sgd: {lr: {uniform: [0.1, big]}}}\nsearch: {method: random, trials: 4}", "sweep.yaml: optimizers.sgd.lr.uniform[1]: must be a number, got 'big'")]
    [InlineData("optimizers: {sgd: {lr: {uniform: [0, 1]}}}\nsearch: {method: random, trials: 4}", "sweep.yaml: optimizers.sgd.lr: optimizer 'sgd': lr = 0 is out of range: must be > 0")]
    [InlineData("optimizers: {sgd: {momentum: {uniform: [0.5, 1]}}}\nsearch: {method: quasi-random, trials: 4}", "sweep.yaml: optimizers.sgd.momentum: optimizer 'sgd': momentum = 1 is out of range: must be in [0, 1)")]
    [InlineData("optimizers: {sgd: {momentum: [0.9, 1.5]}}", "sweep.yaml: optimizers.sgd.momentum: optimizer 'sgd': momentum = 1.5 is out of range: must be in [0, 1)")]
    [InlineData("optimizers: {sgd: {lr: [0.1, 0.10]}}", "sweep.yaml: optimizers.sgd.lr: lists a value twice")]
    [InlineData("optimizers: {sgd: {lr: []}}", "sweep.yaml: optimizers.sgd.lr: must not be empty")]
    [InlineData("optimizers: [sgd]\nvalidation: {fraction: 1}", "sweep.yaml: validation.fraction: must be between 0 and 1 (exclusive), got 1")]
    [InlineData("optimizers: [sgd]\nvalidation: {fraction: 0}", "sweep.yaml: validation.fraction: must be between 0 and 1 (exclusive), got 0")]
    [InlineData("optimizers: [sgd]\nvalidation: {}", "sweep.yaml: validation.fraction: is required*")]
    [InlineData("optimizers: [sgd]\nvalidation: {share: 0.1}", "sweep.yaml: validation.share: unknown key*allowed keys are fraction")]
    [InlineData("optimizers: [sgd]\nearly_stop: {type: asha}", "sweep.yaml: early_stop: watches the validation split, and the spec has none: add validation: {fraction: 0.1}")]
    [InlineData("optimizers: [sgd]\nvalidation: {fraction: 0.1}\nepochs: 3\nearly_stop: {type: asha, grace_epochs: 3}", "sweep.yaml: early_stop.grace_epochs: must be less than epochs (3), got 3*")]
    [InlineData("optimizers: [sgd]\nvalidation: {fraction: 0.1}\nepochs: 3\nearly_stop: {type: asha, grace_epochs: 0}", "sweep.yaml: early_stop.grace_epochs: must be between 1 and 10000, got 0")]
    [InlineData("optimizers: [sgd]\nvalidation: {fraction: 0.1}\nepochs: 3\nearly_stop: {type: median, reduction_factor: 1}", "sweep.yaml: early_stop.reduction_factor: must be between 2 and 100, got 1")]
    [InlineData("optimizers: [sgd]\nvalidation: {fraction: 0.1}\nepochs: 3\nearly_stop: {type: hyperband}", "sweep.yaml: early_stop.type: 'hyperband' is not allowed: use one of asha, median")]
    [InlineData("optimizers: [sgd]\nvalidation: {fraction: 0.1}\nepochs: 3\nearly_stop: {metric: validation_loss}", "sweep.yaml: early_stop.type: is required: use one of asha, median")]
    [InlineData("optimizers: [sgd]\nvalidation: {fraction: 0.1}\nepochs: 3\nearly_stop: {type: asha, metric: test_metric}", "sweep.yaml: early_stop.metric: 'test_metric' is not allowed: use one of validation_metric, validation_loss")]
    [InlineData("optimizers: [sgd]\nmetric: {name: validation_loss}", "sweep.yaml: metric.name: validation_loss is measured on the validation split, and the spec has none: add validation: {fraction: 0.1}")]
    public void Each_rule_of_the_new_keys_names_its_field(string extra, string message)
    {
        var parse = () => Parse(Head + extra + "\n");
        parse.Should().Throw<SweepSpecException>().WithMessage(message).Which.Message.Should().NotContain("\n");
    }

    [Fact]
    public void Early_stop_reads_its_defaults()
    {
        var spec = Parse(Head + "optimizers: [sgd]\nvalidation: {fraction: 0.1}\nepochs: 5\nearly_stop: {type: median}\n");
        spec.EarlyStop.Should().Be(new EarlyStopSpec(EarlyStopRule.Median, "validation_metric", 1, 3));
    }
}
