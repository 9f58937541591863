using System.Globalization;

namespace GradRetentionNet.Silo;

/// <summary>The "Silo" configuration section (appsettings or GRN_Silo__* environment variables).</summary>
public sealed class SiloOptions
{
    public const string Section = "Silo";

    /// <summary>The section, bound and checked; throws a one-line <see cref="SiloConfigurationException"/> naming the key.</summary>
    public static SiloOptions Read(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        CheckFormats(section);
        SiloOptions options;
        try
        {
            options = section.Get<SiloOptions>() ?? new SiloOptions();
        }
        catch (InvalidOperationException e)
        {
            // The binder's message names the key too; CheckFormats words the usual cases better.
            throw new SiloConfigurationException(e.Message);
        }
        options.Validate();
        return options;
    }

    // Before binding: the binder's own message names a .NET type ("to type 'System.Int32'").
    static void CheckFormats(IConfigurationSection section)
    {
        foreach (var key in new[] { nameof(Slots), nameof(Gpus), nameof(SiloPort), nameof(GatewayPort) })
            if (section[key] is { Length: > 0 } text && !int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
                throw new SiloConfigurationException($"{Section}:{key} is '{text}': give a whole number");
        if (section[nameof(Clustering)] is { Length: > 0 } clustering && !Enum.TryParse<SiloClustering>(clustering, ignoreCase: true, out _))
            throw new SiloConfigurationException($"{Section}:{nameof(Clustering)} is '{clustering}': use localhost or postgres");
        foreach (var key in new[] { nameof(MigrateOnStart), $"{nameof(Tls)}:{nameof(SiloTlsOptions.Enabled)}" })
            if (section[key] is { Length: > 0 } flag && !bool.TryParse(flag, out _))
                throw new SiloConfigurationException($"{Section}:{key} is '{flag}': use true or false");
    }

    void Validate()
    {
        if (string.IsNullOrWhiteSpace(ApiToken))
            throw new SiloConfigurationException("Silo:ApiToken is not set: configure it (appsettings or the GRN_Silo__ApiToken environment variable) so the HTTP API can require it");
        if (Slots < 1) throw new SiloConfigurationException($"Silo:Slots is {Slots}: it must be at least 1");
        if (Gpus < 0) throw new SiloConfigurationException($"Silo:Gpus is {Gpus}: give 0 (train on the CPU) or the number of GPUs to use, or leave it unset to count them");
        foreach (var (key, port) in new[] { (nameof(SiloPort), SiloPort), (nameof(GatewayPort), GatewayPort) })
            if (port is < 0 or > 65535) throw new SiloConfigurationException($"Silo:{key} is {port}: give a TCP port from 1 to 65535, or 0 to pick a free one");
        foreach (var (key, value) in new[] { (nameof(OutputRoot), OutputRoot), (nameof(Name), Name), (nameof(ClusterId), ClusterId), (nameof(ServiceId), ServiceId) })
            if (string.IsNullOrWhiteSpace(value)) throw new SiloConfigurationException($"Silo:{key} is empty: set it or leave it out for the default");
    }

    /// <summary>Jobs trained at once on this node when it trains on the CPU.</summary>
    public int Slots { get; set; } = 1;

    /// <summary>
    /// GPUs to train on, one slot each (a sweep's resources.trials_per_gpu packs that many of its jobs
    /// onto one GPU). Unset: the CUDA devices TorchSharp sees; 0: train on the CPU in Slots slots.
    /// </summary>
    public int? Gpus { get; set; }

    /// <summary>Folder of downloaded datasets (null: the default data root).</summary>
    public string? DataRoot { get; set; }

    /// <summary>Shared folder where job results and checkpoints go (a shared volume in Kubernetes).</summary>
    public string OutputRoot { get; set; } = "runs";

    /// <summary>Bearer token the HTTP API demands. Required: the API refuses to start without one.</summary>
    public string? ApiToken { get; set; }

    /// <summary>Orleans silo-to-silo and gateway ports (0: pick free ones, for a single local silo).</summary>
    public int SiloPort { get; set; }

    public int GatewayPort { get; set; }

    /// <summary>The silo's name: Orleans' silo name and the <c>silo</c> label of its metrics (default: the host name, the pod's in Kubernetes).</summary>
    public string Name { get; set; } = Environment.MachineName;

    /// <summary>json (compact JSON lines, the default in a container) or console (readable, the default elsewhere).</summary>
    public string? LogFormat { get; set; }

    /// <summary>localhost (default: one silo, in-memory state) or postgres.</summary>
    public SiloClustering Clustering { get; set; } = SiloClustering.Localhost;

    /// <summary>Npgsql connection string of the cluster's database. Required with postgres; never logged (it holds a password).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Silos with the same ClusterId form one cluster.</summary>
    public string ClusterId { get; set; } = "grn";

    /// <summary>Names the grain state: a cluster redeployed under a new ClusterId keeps its sweeps if the ServiceId stays.</summary>
    public string ServiceId { get; set; } = "grn";

    /// <summary>
    /// The IP address other silos and clients reach this silo at (postgres). Unset: 127.0.0.1, which
    /// only works when every silo runs on this machine; in Kubernetes set it to the pod IP.
    /// </summary>
    public string? AdvertisedAddress { get; set; }

    /// <summary>Apply the PostgreSQL schema before the silo starts (postgres), instead of running grn-silo migrate first.</summary>
    public bool MigrateOnStart { get; set; }

    /// <summary>Mutual TLS on the silo and gateway ports (Silo:Tls); off unless Enabled.</summary>
    public SiloTlsOptions Tls { get; set; } = new();
}
