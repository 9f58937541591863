using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace GradRetentionNet.Silo.Tests;

public sealed class SweepApiTests : IDisposable
{
    const string Token = "s3cret-token-for-tests";
    readonly string folder = Directory.CreateTempSubdirectory("grn-silo-").FullName;

    static HttpRequestMessage Request(HttpMethod method, string path, string? token = Token, string? body = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/yaml");
        return request;
    }

    [Fact]
    public async Task The_api_runs_a_sweep_end_to_end_behind_the_bearer_token()
    {
        using var silo = SiloProcess.Start(folder, Token);
        await silo.Ready();
        (await silo.Client.GetAsync("/health/live")).StatusCode.Should().Be(HttpStatusCode.OK, "health needs no token");

        (await silo.Client.SendAsync(Request(HttpMethod.Get, "/api/sweeps", token: null))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await silo.Client.SendAsync(Request(HttpMethod.Get, "/api/sweeps", token: "wrong"))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        var bad = await silo.Client.SendAsync(Request(HttpMethod.Post, "/api/sweeps", body: "name: x\ndatasets: [fashion-mnist]\noptimizers: [sgd]\nseeds: [1]\nepochs: 0\n"));
        bad.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await bad.Content.ReadAsStringAsync()).Should().Contain("epochs: must be between 1 and 10000, got 0");

        // A spec past the 1 MiB cap is refused with 413 and a JSON error, whatever it holds.
        var huge = await silo.Client.SendAsync(Request(HttpMethod.Post, "/api/sweeps", body: "name: huge\n# " + new string('x', 2 << 20) + "\n"));
        huge.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        using (var error = JsonDocument.Parse(await huge.Content.ReadAsStringAsync()))
            error.RootElement.GetProperty("error").GetString().Should().Contain("larger than 1024 KiB");

        var submitted = await silo.Client.SendAsync(Request(HttpMethod.Post, "/api/sweeps", body: """
            name: api-tiny
            datasets: [mnist-digits-10k]
            optimizers: [sgd, adam]
            seeds: [1, 2]
            epochs: 1
            limits: { max_train_samples: 256, max_test_samples: 128 }
            """));
        submitted.StatusCode.Should().Be(HttpStatusCode.Accepted);
        submitted.Headers.Location!.ToString().Should().Be("/api/sweeps/api-tiny");

        var deadline = DateTime.UtcNow.AddMinutes(3);
        string state;
        do
        {
            await Task.Delay(300);
            using var status = JsonDocument.Parse(await (await silo.Client.SendAsync(Request(HttpMethod.Get, "/api/sweeps/api-tiny"))).Content.ReadAsStringAsync());
            state = status.RootElement.GetProperty("state").GetString()!;
        } while (state == "running" && DateTime.UtcNow < deadline);
        state.Should().Be("completed");
        using (var counts = JsonDocument.Parse(await (await silo.Client.SendAsync(Request(HttpMethod.Get, "/api/sweeps/api-tiny?jobs=false"))).Content.ReadAsStringAsync()))
        {
            counts.RootElement.GetProperty("counts").GetProperty("completed").GetInt32().Should().Be(4);
            counts.RootElement.GetProperty("jobs").ValueKind.Should().Be(JsonValueKind.Null, "no job rows unless asked");
        }
        using (var full = JsonDocument.Parse(await (await silo.Client.SendAsync(Request(HttpMethod.Get, "/api/sweeps/api-tiny"))).Content.ReadAsStringAsync()))
            full.RootElement.GetProperty("jobs").EnumerateArray().Should().OnlyContain(j => j.GetProperty("epochs_done").GetInt32() == 1, "snake_case names");

        using var results = JsonDocument.Parse(await (await silo.Client.SendAsync(Request(HttpMethod.Get, "/api/sweeps/api-tiny/results"))).Content.ReadAsStringAsync());
        results.RootElement.GetProperty("aggregate").GetProperty("groups").GetArrayLength().Should().Be(2);
        using var list = JsonDocument.Parse(await (await silo.Client.SendAsync(Request(HttpMethod.Get, "/api/sweeps"))).Content.ReadAsStringAsync());
        list.RootElement.EnumerateArray().Select(s => s.GetProperty("name").GetString()).Should().Equal("api-tiny");
        (await silo.Client.SendAsync(Request(HttpMethod.Post, "/api/sweeps/nope/cancel"))).StatusCode.Should().Be(HttpStatusCode.NotFound);

        silo.Output.Should().NotContain(Token, "the token is never logged");
    }

    [Fact]
    public async Task A_silo_without_a_token_refuses_to_start()
    {
        using var silo = SiloProcess.Start(folder, token: null);
        silo.WaitForExit(TimeSpan.FromMinutes(1)).Should().BeTrue();
        silo.Process.ExitCode.Should().NotBe(0);
        silo.Output.Should().Contain("Silo:ApiToken is not set");
        await Task.CompletedTask;
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
