using System.Text;
using Microsoft.AspNetCore.Http;

namespace GradRetentionNet.Api;

/// <summary>Reads a request's body as text, refusing it (null) once it passes a size limit, without reading the rest.</summary>
internal static class SpecBody
{
    public static async Task<string?> Read(HttpRequest request, int maxBytes)
    {
        if (request.ContentLength > maxBytes) return null;
        var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk)) > 0)
        {
            if (buffer.Length + read > maxBytes) return null;
            buffer.Write(chunk, 0, read);
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
