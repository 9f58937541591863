using System.Text;
using GradRetentionNet.Sweeps.Spec;
using GradRetentionNet.Sweeps.Study.Protocol;

namespace GradRetentionNet.Sweeps.Tests.Spec;

/// <summary>
/// Whatever text a spec file holds, the parser answers with a spec or a one-line
/// <see cref="SweepSpecException"/>: never another exception type, never a message over several
/// lines. Inputs are random (fixed seeds, so a failure reproduces): random bytes, valid specs cut
/// short, and valid specs with one byte changed, inserted or removed.
/// </summary>
public sealed class SweepSpecFuzzTests
{
    /// <summary>Bytes YAML gives meaning to: random text drawn from these reaches deeper into the parser.</summary>
    static readonly byte[] YamlBytes = Encoding.ASCII.GetBytes("{}[]:,-?&*!|>'\"#%@`~\\ \t\r\n\0abcxyz019.eE+_/^<=");

    /// <summary>Valid specs to cut and mutate: the shipped examples and the specs the tests use.</summary>
    static IEnumerable<string> ValidSpecs()
    {
        foreach (var path in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "examples"), "*.yaml").Order(StringComparer.Ordinal))
            yield return File.ReadAllText(path);
        yield return SweepSpecTests.Full;
        yield return SearchSpaceSpecTests.ProtocolExample;
        yield return """
            # Search spaces in block style: every kind of space, for the mutations to break.
            name: spaces
            datasets: [mnist-digits-10k]
            optimizers:
              sgd:
                lr:
                  log_uniform: [0.001, 1]
                momentum: {uniform: [0.5, 0.99]}
                dampening: {int_uniform: [0, 1]}
                nesterov: [false]
              adam:
              rmsprop: {centered: true}
            search: {method: random, trials: 8, seed: 3}
            validation: {fraction: 0.2}
            early_stop: {type: median, metric: validation_loss}
            metric: {name: validation_loss, goal: min}
            epochs: 3
            seeds: [1, 2]
            """;
        yield return """
            name: mixed
            datasets: [fashion-mnist, imdb-sentences, voc-labelme-examples]
            optimizers: [adam]
            seeds: [7]
            grid: { lr: [0.001, 0.0003], weight_decay: [0, 0.01] }
            """;
        yield return """
            # Block lists, quoting, anchors and a comment: more of YAML for the mutations to break.
            name: "block-style"
            datasets:
              - 'mnist-digits-10k'
            optimizers:
              - &base sgd
              - adam
            seeds: [1, 2]
            grid:
              lr:
                - 0.1
                - 1e-2
            limits: { max_train_samples: 256, max_test_samples: 128 }
            metric: { name: test_loss, goal: min, target: !!float 0.5 }
            resources: { device: auto, trials_per_gpu: 1 }
            """;
    }

    [Fact]
    public void Random_bytes_read_as_utf8_or_latin1_give_only_spec_errors()
    {
        var random = new Random(20261201);
        var inputs = new List<string>();
        for (var i = 0; i < 1500; i++)
        {
            var bytes = new byte[random.Next(0, 160)];
            if (i % 2 == 0) random.NextBytes(bytes);
            else for (var b = 0; b < bytes.Length; b++) bytes[b] = YamlBytes[random.Next(YamlBytes.Length)];
            inputs.Add(Encoding.UTF8.GetString(bytes));
            inputs.Add(Encoding.Latin1.GetString(bytes));
        }
        ParseEach(inputs);
    }

    [Fact]
    public void Valid_specs_cut_short_give_only_spec_errors()
    {
        var random = new Random(20261202);
        var specs = ValidSpecs().Select(Encoding.UTF8.GetBytes).ToList();
        var inputs = new List<string>();
        for (var i = 0; i < 1500; i++)
        {
            var spec = specs[random.Next(specs.Count)];
            // Cut anywhere, mid-character included: what an interrupted copy leaves.
            inputs.Add(Encoding.UTF8.GetString(spec, 0, random.Next(spec.Length + 1)));
        }
        ParseEach(inputs);
    }

    [Fact]
    public void Valid_specs_with_one_byte_changed_give_only_spec_errors()
    {
        var random = new Random(20261203);
        var specs = ValidSpecs().Select(Encoding.UTF8.GetBytes).ToList();
        var inputs = new List<string>();
        for (var i = 0; i < 3000; i++)
        {
            var bytes = specs[random.Next(specs.Count)].ToList();
            var at = random.Next(bytes.Count);
            var value = random.Next(3) == 0 ? (byte)random.Next(256) : YamlBytes[random.Next(YamlBytes.Length)];
            switch (random.Next(3))
            {
                case 0: bytes[at] = value; break;
                case 1: bytes.Insert(at, value); break;
                default: bytes.RemoveAt(at); break;
            }
            inputs.Add(Encoding.UTF8.GetString(bytes.ToArray()));
        }
        ParseEach(inputs);
    }

    [Theory]
    [InlineData("name: s\n\tdatasets: [fashion-mnist]\n", "fuzz.yaml: line *, column *: not valid YAML*tab*")]
    [InlineData("name: s\0\ndatasets: [fashion-mnist]\n", "fuzz.yaml: *")]
    [InlineData("name: s\nname: t\n", "fuzz.yaml: line 2, column 1: not valid YAML*Duplicate key*")]
    [InlineData("&k name: s\n*k : t\n", "fuzz.yaml: line 1, column 1: not valid YAML: Duplicate key name")]
    [InlineData("name: s\ndatasets: &d [fashion-mnist, *d]\n", "fuzz.yaml: line 2, column 30: alias *d is inside the node it names")]
    [InlineData("name: s\ndatasets: *d\noptimizers: &d [sgd]\n", "fuzz.yaml: line 2, column 11: alias *d names no anchor (&d) defined before it")]
    [InlineData("name: s\ndatasets: *nowhere\n", "fuzz.yaml: line 2, column 11: alias *nowhere names no anchor (&nowhere) defined before it")]
    [InlineData("name: s\n? [a, b]\n: c\n", "fuzz.yaml: line 2, column 3: a key must be a name, not a list or mapping")]
    [InlineData("{ {a: b}: c }", "fuzz.yaml: line 1, column 3: a key must be a name, not a list or mapping")]
    [InlineData("x: &m {a: b}\ny: { *m : c }\n", "fuzz.yaml: line 2, column 6: a key must be a name, but alias *m names a list or mapping")]
    [InlineData("&r { *r : 1 }", "fuzz.yaml: line 1, column 6: alias *r is inside the node it names")]
    [InlineData("name: mixed\ndatasets: [fashion-mnist, {mdb-sentences, voc]\noptimizers: [adam]\n", "fuzz.yaml: line *, column *: not valid YAML past this point*")]
    [InlineData("\"na\\nme\": s\n", "fuzz.yaml: na\\nme: unknown key (line 1)*")]
    [InlineData("name: \"\\e[31mred\"\n", "fuzz.yaml: name: '\\u001b[31mred' must be 1-64 letters*")]
    [InlineData("name: \"\\uD800\"\n", "fuzz.yaml: *")]
    [InlineData("%YAML 9.9\n---\nname: s\n", "fuzz.yaml: line 1, column *: not valid YAML*")]
    [InlineData("name: !!binary aGVsbG8=\n", "fuzz.yaml: name: 'aGVsbG8=' must be 1-64 letters*")]
    public void Known_yaml_hazards_are_one_line_spec_errors(string yaml, string message)
    {
        var parse = () => SweepSpecParser.Parse(yaml, "fuzz.yaml");
        var error = parse.Should().Throw<SweepSpecException>().WithMessage(message).Which;
        IsOneLine(error.Message).Should().BeTrue(error.Message);
    }

    [Theory]
    [InlineData("[", "]")]
    [InlineData("{a: ", "}")]
    [InlineData("- ", "")] // "- - - x": block lists nested on one line
    public void Nesting_deeper_than_a_spec_needs_is_refused_before_it_overflows_the_stack(string open, string close)
    {
        // 100,000 levels: enough to overflow the stack of a recursive reader, which ends the process.
        var depth = 100_000;
        var yaml = string.Concat(Enumerable.Repeat(open, depth)) + "x" + string.Concat(Enumerable.Repeat(close, depth));
        var parse = () => SweepSpecParser.Parse(yaml, "fuzz.yaml");
        parse.Should().Throw<SweepSpecException>().WithMessage("fuzz.yaml: line 1, column *: lists and mappings are nested more than 16 deep");
    }

    [Fact]
    public void Anchors_and_aliases_that_resolve_still_work()
    {
        var spec = SweepSpecParser.Parse("""
            name: &n aliased
            datasets: [fashion-mnist]
            optimizers: [sgd]
            seeds: &s [1, 2]
            limits:
              max_train_samples: &m 100
              max_test_samples: *m
            """, "fuzz.yaml");
        spec.Name.Should().Be("aliased");
        spec.Seeds.Should().Equal(1L, 2L);
        spec.MaxTestSamples.Should().Be(100);
    }

    /// <summary>
    /// Parses every input; fails listing the inputs (escaped, so they can be copied into a test)
    /// that broke the contract. A spec that parses must also plan: the coordinator plans it after
    /// submission, where an exception would be no user's error message.
    /// </summary>
    static void ParseEach(IReadOnlyList<string> inputs)
    {
        var broken = new List<string>();
        foreach (var input in inputs)
        {
            try
            {
                var spec = SweepSpecParser.Parse(input, "fuzz.yaml");
                // A study's count adds its evaluation phase at most: every optimizer chosen on every dataset and model.
                var planned = SweepExpander.Plan(spec, "/out").Count + StudyPlan.MaxEvaluationJobs(spec);
                if (SweepExpander.CountJobs(spec) <= 2_000 && planned != SweepExpander.CountJobs(spec))
                    broken.Add($"{Escape(input)} -> the plan's length differs from CountJobs");
            }
            catch (SweepSpecException e)
            {
                if (!IsOneLine(e.Message)) broken.Add($"{Escape(input)} -> message over several lines: {Escape(e.Message)}");
            }
            catch (Exception e)
            {
                broken.Add($"{Escape(input)} -> {e.GetType().Name}: {Escape(e.Message)}");
            }
        }
        broken.Should().BeEmpty("every unreadable spec is a one-line SweepSpecException ({0} of {1} inputs were not):\n{2}",
            broken.Count, inputs.Count, string.Join("\n", broken.Take(10)));
    }

    internal static bool IsOneLine(string message) => !message.Any(c => char.IsControl(c) || c is '\u2028' or '\u2029');

    static string Escape(string text) =>
        "\"" + string.Concat(text.Select(c => c switch
        {
            '"' => "\\\"",
            '\\' => "\\\\",
            _ when char.IsControl(c) || char.IsSurrogate(c) || c > '\u007e' => $"\\u{(int)c:x4}",
            _ => c.ToString(),
        })) + "\"";
}
