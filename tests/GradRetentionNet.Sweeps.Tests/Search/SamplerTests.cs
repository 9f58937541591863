using System.Globalization;
using GradRetentionNet.Contracts.Sweeps;
using GradRetentionNet.Sweeps.Search;
using GradRetentionNet.Sweeps.Spec;
using GradRetentionNet.Training.Optimizers.Catalog;

namespace GradRetentionNet.Sweeps.Tests.Search;

/// <summary>
/// What the configurations of a random or quasi-random search promise: inside the ranges the spec
/// wrote, distributed as the range kind says, spread evenly by quasi-random, and the same every
/// time the spec is expanded.
/// </summary>
public sealed class SamplerTests
{
    static SweepSpec Spec(string method, int trials, long seed, string space, string optimizer = "sgd") => SweepSpecParser.Parse($"""
        name: s
        datasets: [fashion-mnist]
        optimizers:
          {optimizer}: {space}
        search: {"{"}method: {method}, trials: {trials}, seed: {seed}{"}"}
        seeds: [1]
        """, "sweep.yaml");

    static IReadOnlyList<IReadOnlyDictionary<string, string>> Draw(string method, int trials, long seed, string space, string optimizer = "sgd") =>
        SearchConfigurations.For(Spec(method, trials, seed, space, optimizer), optimizer);

    static double Number(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("random")]
    [InlineData("quasi-random")]
    public void Every_value_lies_in_its_range_and_the_recipe_accepts_every_configuration(string method)
    {
        var configurations = Draw(method, 2000, 3,
            "{lr: {log_uniform: [0.0001, 0.5]}, momentum: {uniform: [0.5, 0.9999999]}, dampening: {int_uniform: [0, 1]}, weight_decay: [0, 0.0001, 0.001], nesterov: [false]}");
        configurations.Should().HaveCount(2000);
        foreach (var configuration in configurations)
        {
            configuration.Keys.Should().Equal("dampening", "lr", "momentum", "nesterov", "weight_decay");
            Number(configuration["lr"]).Should().BeInRange(0.0001, 0.5);
            // Six digits would round 0.99999995 up to 1, which momentum refuses: the written end is used instead.
            Number(configuration["momentum"]).Should().BeInRange(0.5, 0.9999999);
            configuration["dampening"].Should().BeOneOf("0", "1");
            configuration["weight_decay"].Should().BeOneOf("0", "0.0001", "0.001");
            configuration["nesterov"].Should().Be("false");
            OptimizerCatalog.Resolve("sgd", configuration);
        }
    }

    [Theory]
    [InlineData("random", 120)]
    [InlineData("quasi-random", 10)]
    public void Log_uniform_puts_as_many_values_in_each_decade(string method, int tolerance)
    {
        // 4000 draws over four decades: 1000 per decade; random's sd is about 27, so 120 is over
        // four sd, and a sampler uniform on the range itself would put 3 in 4 in the top decade.
        var decades = Draw(method, 4000, 11, "{lr: {log_uniform: [0.0001, 1]}}")
            .Select(c => (int)Math.Floor(Math.Log10(Number(c["lr"]))))
            .Select(d => Math.Min(d, -1)) // lr = 1 exactly belongs to the top decade
            .GroupBy(d => d).ToDictionary(g => g.Key, g => g.Count());
        decades.Keys.Should().BeEquivalentTo([-4, -3, -2, -1]);
        decades.Values.Should().OnlyContain(count => Math.Abs(count - 1000) <= tolerance, $"each decade holds about 1000 ({string.Join(", ", decades)})");
    }

    [Theory]
    [InlineData("random", 150)]
    [InlineData("quasi-random", 10)]
    public void Int_uniform_hits_every_whole_number_about_equally(string method, int tolerance)
    {
        // A continuous second hyperparameter keeps the 5000 configurations distinct, so none is
        // dropped as a repeat and the counts show the sampler itself (sd about 28 for random).
        var counts = Draw(method, 5000, 5, "{weight_decay: {int_uniform: [0, 4]}, momentum: {uniform: [0, 0.99]}}")
            .GroupBy(c => c["weight_decay"]).ToDictionary(g => g.Key, g => g.Count());
        counts.Keys.Should().BeEquivalentTo(["0", "1", "2", "3", "4"]);
        counts.Values.Should().OnlyContain(count => Math.Abs(count - 1000) <= tolerance, $"each of 0..4 is drawn about 1000 times ({string.Join(", ", counts)})");
    }

    [Theory]
    [InlineData(2, 64)]
    [InlineData(3, 100)]
    public void Quasi_random_covers_the_space_more_evenly_than_random_draws(int dimensions, int trials)
    {
        // Unit ranges on sgd's hyperparameters that take [0, 1]; momentum must stay below 1.
        var ranges = new[] { "dampening: {uniform: [0, 1]}", "weight_decay: {uniform: [0, 1]}", "momentum: {uniform: [0, 0.99]}" }[..dimensions];
        var space = "{" + string.Join(", ", ranges) + "}";
        var names = new[] { "dampening", "weight_decay", "momentum" }[..dimensions];
        var scale = new[] { 1.0, 1.0, 0.99 };
        double Discrepancy(string method, long seed) => CenteredL2Discrepancy.Of(
            Draw(method, trials, seed, space).Select(c => names.Select((n, k) => Number(c[n]) / scale[k]).ToArray()).ToList());

        var randomMedian = Enumerable.Range(0, 21).Select(seed => Discrepancy("random", seed)).Order().ElementAt(10);
        var quasi = Discrepancy("quasi-random", 7);
        quasi.Should().BeLessThan(0.6 * randomMedian, $"scrambled Halton spreads {trials} points more evenly (quasi {quasi:G4}, random median {randomMedian:G4})");
    }

    [Fact]
    public void The_discrepancy_measure_gives_the_known_value_and_tells_even_points_from_bunched_ones()
    {
        // One point at the centre of [0, 1]: CD^2 = 13/12 - 2 + 1 = 1/12.
        CenteredL2Discrepancy.Of([[0.5]]).Should().BeApproximately(1 / Math.Sqrt(12), 1e-12);
        var lattice = Enumerable.Range(0, 8).SelectMany(i => Enumerable.Range(0, 8).Select(j => new[] { (i + 0.5) / 8, (j + 0.5) / 8 })).ToList();
        var corner = lattice.Select(p => new[] { p[0] / 4, p[1] / 4 }).ToList();
        CenteredL2Discrepancy.Of(corner).Should().BeGreaterThan(10 * CenteredL2Discrepancy.Of(lattice));
    }

    [Theory]
    [InlineData("random")]
    [InlineData("quasi-random")]
    public void The_same_spec_draws_the_same_trials_and_another_seed_draws_others(string method)
    {
        const string space = "{lr: {log_uniform: [0.001, 1]}, momentum: {uniform: [0, 0.99]}}";
        var first = Draw(method, 32, 7, space);
        var again = Draw(method, 32, 7, space);
        again.Select(Text).Should().Equal(first.Select(Text));
        var reseeded = Draw(method, 32, 8, space);
        reseeded.Select(Text).Should().NotIntersectWith(first.Select(Text), "a new search seed draws new trials");
    }

    [Theory]
    [InlineData("random")]
    [InlineData("quasi-random")]
    public void An_optimizers_trials_depend_on_its_own_name_and_not_on_the_other_optimizers(string method)
    {
        var alone = SweepSpecParser.Parse($"name: s\ndatasets: [fashion-mnist]\noptimizers:\n  adam: {{lr: {{log_uniform: [0.0001, 0.1]}}}}\nsearch: {{method: {method}, trials: 16}}\nseeds: [1]\n", "a.yaml");
        var withOthers = SweepSpecParser.Parse($"name: s\ndatasets: [fashion-mnist]\noptimizers:\n  sgd: {{lr: {{log_uniform: [0.0001, 0.1]}}}}\n  adamw: {{lr: {{log_uniform: [0.0001, 0.1]}}}}\n  adam: {{lr: {{log_uniform: [0.0001, 0.1]}}}}\nsearch: {{method: {method}, trials: 16}}\nseeds: [1]\n", "b.yaml");
        SearchConfigurations.For(withOthers, "adam").Select(Text).Should().Equal(SearchConfigurations.For(alone, "adam").Select(Text),
            "adding an optimizer to a study keeps the trials, and so the finished jobs, of the others");
        SearchConfigurations.For(withOthers, "adamw").Select(Text).Should().NotIntersectWith(SearchConfigurations.For(withOthers, "adam").Select(Text),
            "two optimizers with the same space still draw their own trials");
    }

    [Fact]
    public void Two_parses_of_a_spec_plan_identical_jobs()
    {
        var first = SweepExpander.Plan(SweepSpecParser.Parse(Tests.Spec.SearchSpaceSpecTests.ProtocolExample, "a.yaml"), "/out");
        var second = SweepExpander.Plan(SweepSpecParser.Parse(Tests.Spec.SearchSpaceSpecTests.ProtocolExample, "b.yaml"), "/out");
        second.Select(j => (j.JobId, j.GridPoint, j.OutputDirectory)).Should().Equal(first.Select(j => (j.JobId, j.GridPoint, j.OutputDirectory)));
        // Pinned: the text of a drawn value is hashed into the job id, so it must not change
        // between versions or machines (a resubmitted study would not find its finished trials).
        (first[0].GridPoint, first[0].JobId).Should().Be(("lr=0.00178443,momentum=0.9", "5405aafe7f03"));
    }

    [Theory]
    [InlineData("random")]
    [InlineData("quasi-random")]
    public void Repeated_draws_are_dropped_so_no_job_id_appears_twice(string method)
    {
        var spec = Spec(method, 50, 2, "{lr: [0.1, 0.01, 0.001], dampening: {int_uniform: [0, 1]}, nesterov: [false]}");
        var configurations = SearchConfigurations.For(spec, "sgd");
        configurations.Select(Text).Should().OnlyHaveUniqueItems().And.HaveCount(6, "3 x 2 x 1 distinct points: the budget is at most trials");
        var plan = SweepExpander.Plan(spec, "/out");
        plan.Select(j => j.JobId).Should().OnlyHaveUniqueItems();
        plan.Should().HaveCount(SweepExpander.CountJobs(spec));

        var defaultsOnly = Spec(method, 10, 0, "{}", "adam");
        SweepExpander.Plan(defaultsOnly, "/out").Should().ContainSingle("an optimizer without a space has one configuration, its defaults");
        SweepExpander.CountJobs(defaultsOnly).Should().Be(1);
    }

    static string Text(IReadOnlyDictionary<string, string> configuration) => string.Join(",", configuration.Select(c => $"{c.Key}={c.Value}"));
}
