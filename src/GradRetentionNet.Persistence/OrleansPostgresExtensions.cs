using Orleans.Hosting;

namespace GradRetentionNet.Persistence;

/// <summary>
/// Points Orleans' ADO.NET providers at PostgreSQL. The database must carry this project's
/// schema (<see cref="SchemaMigrator"/>): the providers run the queries stored in its OrleansQuery table.
/// </summary>
public static class OrleansPostgresExtensions
{
    /// <summary>
    /// The ADO.NET invariant name for Npgsql. Orleans maps it to Npgsql.NpgsqlFactory and loads that
    /// from the Npgsql assembly this library references, so no DbProviderFactories registration is needed.
    /// </summary>
    public const string Invariant = "Npgsql";

    /// <summary>Cluster membership (and the gateway list clients read) in the membership tables.</summary>
    public static ISiloBuilder UsePostgresClustering(this ISiloBuilder silo, string connectionString) =>
        silo.UseAdoNetClustering(options =>
        {
            options.Invariant = Invariant;
            options.ConnectionString = connectionString;
        });

    /// <summary>A client that finds the cluster's gateways through the gateways query.</summary>
    public static IClientBuilder UsePostgresClustering(this IClientBuilder client, string connectionString) =>
        client.UseAdoNetClustering(options =>
        {
            options.Invariant = Invariant;
            options.ConnectionString = connectionString;
        });

    /// <summary>Grain state in OrleansStorage, under the storage provider <paramref name="name"/>.</summary>
    public static ISiloBuilder AddPostgresGrainStorage(this ISiloBuilder silo, string name, string connectionString, bool deleteStateOnClear = false) =>
        silo.AddAdoNetGrainStorage(name, options =>
        {
            options.Invariant = Invariant;
            options.ConnectionString = connectionString;
            options.DeleteStateOnClear = deleteStateOnClear;
        });
}
