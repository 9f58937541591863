using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace GradRetentionNet.Sweeps.Spec;

/// <summary>
/// A spec's YAML events on their way to YamlDotNet's representation model, refusing what that
/// model cannot hold safely. It builds nodes by recursion, so deep nesting overflows the stack (a
/// crash no catch survives); it hashes mapping keys whole, so a key that is a list or a mapping,
/// or an alias of a node that contains itself, recurses without end; and it resolves aliases that
/// come before their anchor, which can close such a loop. A sweep spec needs none of these: it
/// nests three levels deep and its keys are names.
/// </summary>
internal sealed class SpecYamlEvents(TextReader input, string source) : IParser
{
    /// <summary>Far more than a spec needs (grid → name → values), far less than the stack holds.</summary>
    public const int MaxDepth = 16;

    readonly Parser parser = new(input);
    readonly Stack<Collection> open = new();
    readonly Dictionary<string, Anchor> anchors = new(StringComparer.Ordinal);

    public ParsingEvent? Current => parser.Current;

    /// <summary>Where the last event read ended: where reading stopped when the reader fails.</summary>
    public Mark Position { get; private set; } = Mark.Empty;

    public bool MoveNext()
    {
        if (!parser.MoveNext()) return false;
        var current = parser.Current!;
        Check(current);
        Position = current.End;
        return true;
    }

    void Check(ParsingEvent current)
    {
        switch (current)
        {
            case DocumentStart:
                anchors.Clear(); // anchors belong to their document
                break;
            case AnchorAlias alias:
                var name = alias.Value.Value;
                var isKey = CountAsChild();
                if (!anchors.TryGetValue(name, out var anchor))
                    throw Refuse(alias, $"alias *{name} names no anchor (&{name}) defined before it");
                if (!anchor.Complete) throw Refuse(alias, $"alias *{name} is inside the node it names");
                if (isKey && anchor.IsCollection) throw Refuse(alias, $"a key must be a name, but alias *{name} names a list or mapping");
                break;
            case Scalar scalar:
                CountAsChild();
                if (!scalar.Anchor.IsEmpty) anchors[scalar.Anchor.Value] = new Anchor(IsCollection: false) { Complete = true };
                break;
            case NodeEvent collection when collection is SequenceStart or MappingStart:
                if (CountAsChild()) throw Refuse(collection, "a key must be a name, not a list or mapping");
                if (open.Count >= MaxDepth) throw Refuse(collection, $"lists and mappings are nested more than {MaxDepth} deep");
                var frame = new Collection(collection is MappingStart, collection.Anchor.IsEmpty ? null : new Anchor(IsCollection: true));
                if (frame.Anchor is not null) anchors[collection.Anchor.Value] = frame.Anchor;
                open.Push(frame);
                break;
            case SequenceEnd or MappingEnd:
                if (open.TryPop(out var closed) && closed.Anchor is not null) closed.Anchor.Complete = true;
                break;
        }
    }

    /// <summary>Counts a node as a child of the open collection; true when it is a mapping's key.</summary>
    bool CountAsChild()
    {
        if (!open.TryPeek(out var parent)) return false;
        var isKey = parent.IsMapping && parent.Children % 2 == 0;
        parent.Children++;
        return isKey;
    }

    SweepSpecException Refuse(ParsingEvent at, string message) =>
        new(source, $"line {at.Start.Line}, column {at.Start.Column}", message);

    sealed class Collection(bool isMapping, Anchor? anchor)
    {
        public bool IsMapping { get; } = isMapping;
        public Anchor? Anchor { get; } = anchor;
        public int Children { get; set; }
    }

    sealed record Anchor(bool IsCollection)
    {
        /// <summary>False while the node is still being read: an alias of it then would be inside it.</summary>
        public bool Complete { get; set; }
    }
}
