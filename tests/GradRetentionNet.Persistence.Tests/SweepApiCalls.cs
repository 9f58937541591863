using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace GradRetentionNet.Persistence.Tests;

/// <summary>The sweep HTTP API as the tests' silos serve it (token "token", see <see cref="SiloSettings"/>).</summary>
internal static class SweepApiCalls
{
    public static HttpClient Api(int port) => new()
    {
        BaseAddress = new Uri($"http://127.0.0.1:{port}"),
        DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", "token") },
    };

    public static async Task<JsonElement> Get(this HttpClient api, string path) => JsonDocument.Parse(await api.GetStringAsync(path)).RootElement;

    public static async Task Submit(this HttpClient api, string yaml)
    {
        var response = await api.PostAsync("/api/sweeps", new StringContent(yaml, Encoding.UTF8, "application/yaml"));
        response.StatusCode.Should().Be(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
    }
}
