using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using GradRetentionNet.Contracts.Jobs;
using GradRetentionNet.Contracts.Sweeps;
using GradRetentionNet.Sweeps.Aggregation;
using GradRetentionNet.Sweeps.Resilience;

namespace GradRetentionNet.Cli;

/// <summary>
/// The CLI's only way to a cluster: the silos' HTTP API with a bearer token, so users need no
/// database credentials. Errors become one-line exceptions naming the server and what to do.
/// </summary>
internal sealed class SweepApiClient(Uri server, string token) : IDisposable
{
    readonly HttpClient http = new() { BaseAddress = server, Timeout = TimeSpan.FromSeconds(30) };

    public Task<SweepStatus> Submit(string yaml) => Send<SweepStatus>(HttpMethod.Post, "/api/sweeps", new StringContent(yaml, Encoding.UTF8, "application/yaml"));
    public Task<SweepStatus> Status(string sweep, bool withJobs = true) =>
        Send<SweepStatus>(HttpMethod.Get, $"/api/sweeps/{Uri.EscapeDataString(sweep)}?jobs={(withJobs ? "true" : "false")}");
    public Task<SweepStatus> Cancel(string sweep) => Send<SweepStatus>(HttpMethod.Post, $"/api/sweeps/{Uri.EscapeDataString(sweep)}/cancel");
    public Task<SweepStatus> RetryFailed(string sweep) => Send<SweepStatus>(HttpMethod.Post, $"/api/sweeps/{Uri.EscapeDataString(sweep)}/retry-failed");

    /// <summary>The sweep's spec and its jobs' results (without per-batch rows), for reports.</summary>
    public Task<SweepReportData> ReportData(string sweep) => Send<SweepReportData>(HttpMethod.Get, $"/api/sweeps/{Uri.EscapeDataString(sweep)}/report-data");

    /// <summary>The aggregate's rows and the raw JSON (for --format json): the table needs the rows only.</summary>
    public async Task<(IReadOnlyList<AggregateRow> Rows, string Json)> Results(string sweep)
    {
        var json = await SendRaw(HttpMethod.Get, $"/api/sweeps/{Uri.EscapeDataString(sweep)}/results");
        return (Parse<ResultRows>(json, $"/api/sweeps/{sweep}/results").Rows, json);
    }

    /// <summary>The part of <see cref="SweepResultsData"/> the client reads.</summary>
    sealed record ResultRows(SweepState State, IReadOnlyList<AggregateRow> Rows);

    async Task<T> Send<T>(HttpMethod method, string path, HttpContent? content = null) => Parse<T>(await SendRaw(method, path, content), path);

    T Parse<T>(string json, string path) =>
        JsonSerializer.Deserialize<T>(json, JobJson.Options) ?? throw new InvalidDataException($"{server} answered {path} with an empty body");

    // Every API call is safe to repeat: resubmitting a spec, cancelling twice or reading change nothing more.
    readonly Polly.ResiliencePipeline whileUnavailable = RetryPolicy.Create(e => e is ClusterUnavailableException);

    async Task<string> SendRaw(HttpMethod method, string path, HttpContent? content = null)
    {
        var body = content is null ? null : await content.ReadAsStringAsync();
        return await whileUnavailable.ExecuteAsync(async _ =>
            await SendOnce(method, path, body is null ? null : new StringContent(body, Encoding.UTF8, content!.Headers.ContentType?.MediaType ?? "text/plain")));
    }

    sealed class ClusterUnavailableException(string message) : IOException(message);

    async Task<string> SendOnce(HttpMethod method, string path, HttpContent? content)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request);
        }
        catch (HttpRequestException e)
        {
            throw new IOException($"cannot reach {server}: {e.Message} (is a silo running there? set --server or GRN_SERVER)");
        }
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync();
            if (response.IsSuccessStatusCode) return body;
            var message = ErrorOf(body) ?? response.ReasonPhrase ?? "";
            throw response.StatusCode switch
            {
                HttpStatusCode.Unauthorized => new ArgumentException($"{server} refused the token: set --token or GRN_TOKEN to the silos' Silo:ApiToken"),
                HttpStatusCode.BadRequest or HttpStatusCode.NotFound or HttpStatusCode.Conflict => new ArgumentException(message),
                HttpStatusCode.ServiceUnavailable => new ClusterUnavailableException($"{server} answered 503: {message}"),
                _ => new IOException($"{server} answered {(int)response.StatusCode}: {message}"),
            };
        }
    }

    static string? ErrorOf(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.TryGetProperty("error", out var error) ? error.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public void Dispose() => http.Dispose();
}
