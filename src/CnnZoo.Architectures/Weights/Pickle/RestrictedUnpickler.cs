using System.Buffers.Binary;
using System.Numerics;
using System.Text;

namespace CnnZoo.Architectures.Weights.Pickle;

/// <summary>
/// A pickle reader that builds plain data only: it understands the opcodes of protocols 0–5 that carry values and
/// containers, resolves globals through <see cref="StateDictGlobals"/> (refusing every other name at the GLOBAL
/// opcode, before anything could call it) and refuses the opcodes that instantiate arbitrary classes
/// (INST, OBJ, NEWOBJ, NEWOBJ_EX, EXT*). It never executes code from the file.
/// </summary>
internal sealed class RestrictedUnpickler
{
    private const int MaxDepth = 10_000;
    private static readonly object Mark = new();

    private readonly byte[] _data;
    private readonly Func<object?, object?> _persistentLoad;
    private readonly Func<string, Exception> _corrupt;
    private readonly Func<string, Exception> _refused;
    private readonly List<object?> _stack = new();
    private readonly Dictionary<long, object?> _memo = new();
    private int _position;

    /// <param name="data">The pickle bytes.</param>
    /// <param name="persistentLoad">Resolves a persistent id (BINPERSID) to the object it stands for.</param>
    /// <param name="corrupt">Makes the exception for malformed bytes.</param>
    /// <param name="refused">Makes the exception for a well-formed pickle that asks for something not allowed.</param>
    public RestrictedUnpickler(byte[] data, Func<object?, object?> persistentLoad, Func<string, Exception> corrupt, Func<string, Exception> refused)
    {
        _data = data;
        _persistentLoad = persistentLoad;
        _corrupt = corrupt;
        _refused = refused;
    }

    /// <summary>Reads one pickle from the start of the data and returns the object it builds.</summary>
    public object? Load() => LoadFrom(0, out _);

    /// <summary>Reads one pickle starting at <paramref name="start"/>; <paramref name="end"/> is the offset after its STOP.</summary>
    public object? LoadFrom(int start, out int end)
    {
        _position = start;
        _stack.Clear();
        _memo.Clear();
        while (true)
        {
            var at = _position;
            var opcode = ReadByte();
            if (opcode == (byte)'.')
            {
                end = _position;
                if (_stack.Count != 1 || _stack[0] == Mark) throw _corrupt($"pickle ends with {_stack.Count} values on its stack, not 1");
                return _stack[0];
            }
            Execute(opcode, at);
            if (_stack.Count > MaxDepth) throw _corrupt($"pickle stack deeper than {MaxDepth}");
        }
    }

    private void Execute(byte opcode, int at)
    {
        switch (opcode)
        {
            case 0x80: ReadByte(); break; // PROTO
            case 0x95: Read(8); break; // FRAME: a length hint only
            case (byte)'(': Push(Mark); break;
            case (byte)'0': Pop(); break;
            case (byte)'1': PopMark(); break;
            case (byte)'2': Push(Peek()); break;

            case (byte)'N': Push(null); break;
            case 0x88: Push(true); break;
            case 0x89: Push(false); break;
            case (byte)'J': Push((long)BinaryPrimitives.ReadInt32LittleEndian(Read(4))); break;
            case (byte)'K': Push((long)ReadByte()); break;
            case (byte)'M': Push((long)BinaryPrimitives.ReadUInt16LittleEndian(Read(2))); break;
            case 0x8a: Push(ReadLong(ReadByte())); break;
            case 0x8b: Push(ReadLong(ReadLength(4))); break;
            case (byte)'I': Push(ParseTextInt(ReadLine())); break;
            case (byte)'L': Push(ParseTextInt(ReadLine().TrimEnd('L'))); break;
            case (byte)'G': Push(BinaryPrimitives.ReadDoubleBigEndian(Read(8))); break;

            case (byte)'X': Push(ReadUtf8(ReadLength(4))); break;
            case 0x8c: Push(ReadUtf8(ReadByte())); break;
            case 0x8d: Push(ReadUtf8(ReadLength(8))); break;
            case (byte)'T': Push(Encoding.Latin1.GetString(Read(ReadLength(4)))); break; // Python 2 str
            case (byte)'U': Push(Encoding.Latin1.GetString(Read(ReadByte()))); break;
            case (byte)'B': Push(Read(ReadLength(4)).ToArray()); break;
            case (byte)'C': Push(Read(ReadByte()).ToArray()); break;
            case 0x8e: Push(Read(ReadLength(8)).ToArray()); break;

            case (byte)')': Push(Array.Empty<object?>()); break;
            case (byte)'t': Push(PopMark().ToArray()); break;
            case 0x85: Push(new[] { Pop() }); break;
            case 0x86: { var b = Pop(); var a = Pop(); Push(new[] { a, b }); break; }
            case 0x87: { var c = Pop(); var b = Pop(); var a = Pop(); Push(new[] { a, b, c }); break; }

            case (byte)']': Push(new List<object?>()); break;
            case (byte)'l': Push(PopMark()); break;
            case (byte)'a': { var item = Pop(); PeekAs<List<object?>>("APPEND").Add(item); break; }
            case (byte)'e': { var items = PopMark(); PeekAs<List<object?>>("APPENDS").AddRange(items); break; }
            case 0x8f: Push(new List<object?>()); break; // EMPTY_SET, kept as a list
            case 0x90: { var items = PopMark(); PeekAs<List<object?>>("ADDITEMS").AddRange(items); break; }
            case 0x91: Push(PopMark()); break; // FROZENSET

            case (byte)'}': Push(new PyDict()); break;
            case (byte)'d': { var dict = new PyDict(); SetItems(dict, PopMark()); Push(dict); break; }
            case (byte)'s': { var value = Pop(); var key = Pop(); PeekAs<PyDict>("SETITEM").Set(key, value); break; }
            case (byte)'u': { var items = PopMark(); SetItems(PeekAs<PyDict>("SETITEMS"), items); break; }

            case (byte)'p': _memo[ParseTextInt(ReadLine())] = Peek(); break;
            case (byte)'q': _memo[ReadByte()] = Peek(); break;
            case (byte)'r': _memo[BinaryPrimitives.ReadUInt32LittleEndian(Read(4))] = Peek(); break;
            case 0x94: _memo[_memo.Count] = Peek(); break;
            case (byte)'g': Push(Recall(ParseTextInt(ReadLine()))); break;
            case (byte)'h': Push(Recall(ReadByte())); break;
            case (byte)'j': Push(Recall(BinaryPrimitives.ReadUInt32LittleEndian(Read(4)))); break;

            case (byte)'c': { var module = ReadLine(); Push(Resolve(module, ReadLine())); break; }
            case 0x93: { var name = Pop() as string; var module = Pop() as string; Push(Resolve(module ?? throw _corrupt("STACK_GLOBAL module is not a string"), name ?? throw _corrupt("STACK_GLOBAL name is not a string"))); break; }
            case (byte)'R': Reduce(); break;
            case (byte)'b': Build(); break;
            case (byte)'Q': Push(_persistentLoad(Pop())); break;
            case (byte)'P': Push(_persistentLoad(ReadLine())); break;

            case (byte)'i' or (byte)'o' or 0x81 or 0x92:
                throw _refused($"its pickle creates an object of an arbitrary class (opcode 0x{opcode:x2} at byte {at})");
            case 0x82 or 0x83 or 0x84:
                throw _refused($"its pickle uses the extension registry (opcode 0x{opcode:x2} at byte {at})");
            default:
                throw _corrupt($"unknown or unsupported pickle opcode 0x{opcode:x2} at byte {at}");
        }
    }

    private PyGlobal Resolve(string module, string name) =>
        StateDictGlobals.TryResolve(module, name)
        ?? throw _refused($"its pickle asks for the Python global '{module}.{name}', which a state_dict never needs and which could run code");

    private void Reduce()
    {
        var args = Pop() as object?[] ?? throw _corrupt("REDUCE arguments are not a tuple");
        var callable = Pop();
        if (callable is not PyGlobal global || StateDictGlobals.StorageElementType(global) is not null)
            throw _refused($"its pickle calls {callable ?? "None"}, which is not a state_dict constructor");
        Push(StateDictGlobals.Call(global, args, _corrupt));
    }

    private void Build()
    {
        var state = Pop();
        // OrderedDict state is the instance __dict__ (a state_dict's _metadata: module versions), irrelevant to the tensors.
        if (Peek() is PyDict && state is PyDict or null) return;
        throw _refused($"its pickle sets the state of {Peek()?.GetType().Name ?? "None"}, which only custom classes need");
    }

    private void SetItems(PyDict dict, List<object?> items)
    {
        if (items.Count % 2 != 0) throw _corrupt("SETITEMS has an odd number of values");
        for (int i = 0; i < items.Count; i += 2) dict.Set(items[i], items[i + 1]);
    }

    private object? Recall(long index) =>
        _memo.TryGetValue(index, out var value) ? value : throw _corrupt($"memo entry {index} is read before it is written");

    private void Push(object? value) => _stack.Add(value);

    private object? Peek() =>
        _stack.Count > 0 && _stack[^1] != Mark ? _stack[^1] : throw _corrupt("pickle stack underflow");

    private T PeekAs<T>(string opcode) where T : class =>
        Peek() as T ?? throw _corrupt($"{opcode} applied to {Peek()?.GetType().Name ?? "None"}");

    private object? Pop()
    {
        var value = Peek();
        _stack.RemoveAt(_stack.Count - 1);
        return value;
    }

    private List<object?> PopMark()
    {
        var mark = _stack.LastIndexOf(Mark);
        if (mark < 0) throw _corrupt("pickle pops to a MARK that was never pushed");
        var items = _stack.GetRange(mark + 1, _stack.Count - mark - 1);
        _stack.RemoveRange(mark, _stack.Count - mark);
        return items;
    }

    private byte ReadByte() => Read(1)[0];

    private ReadOnlySpan<byte> Read(int count)
    {
        if (count > _data.Length - _position) throw _corrupt($"pickle is truncated at byte {_position}");
        var span = _data.AsSpan(_position, count);
        _position += count;
        return span;
    }

    private int ReadLength(int bytes)
    {
        var raw = Read(bytes);
        var length = bytes == 4 ? BinaryPrimitives.ReadUInt32LittleEndian(raw) : BinaryPrimitives.ReadUInt64LittleEndian(raw);
        if (length > (ulong)(_data.Length - _position)) throw _corrupt($"pickle is truncated: a {length}-byte value at byte {_position}");
        return (int)length;
    }

    private string ReadUtf8(int length)
    {
        try { return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(Read(length)); }
        catch (DecoderFallbackException) { throw _corrupt($"pickle string at byte {_position - length} is not valid UTF-8"); }
    }

    private string ReadLine()
    {
        var end = Array.IndexOf(_data, (byte)'\n', _position);
        if (end < 0) throw _corrupt($"pickle is truncated at byte {_position}");
        var line = Encoding.ASCII.GetString(_data, _position, end - _position);
        _position = end + 1;
        return line;
    }

    private object ReadLong(int length)
    {
        var value = new BigInteger(Read(length), isUnsigned: false, isBigEndian: false);
        return value >= long.MinValue && value <= long.MaxValue ? (long)value : value;
    }

    private long ParseTextInt(string text) =>
        text switch
        {
            "00" => 0, // protocol 0 spells False and True as I00 and I01
            "01" => 1,
            _ => long.TryParse(text, out var value) ? value : throw _corrupt($"'{text}' is not an integer"),
        };
}
