namespace GradRetentionNet.Persistence;

/// <summary>
/// The database's schema history does not fit this build's migrations (it is newer, or names a
/// version differently), so the migrator refuses to touch it. The message is one line.
/// </summary>
public sealed class IncompatibleSchemaException(string message) : Exception(message);
