using System.Text;

namespace CnnZoo.MLNet.Data.Readers;

/// <summary>
/// Splits one line of a CSV or TSV file into trimmed fields. Fields may be wrapped in double quotes
/// (so they can contain the separator), with "" standing for a quote inside a quoted field.
/// </summary>
internal static class DelimitedLine
{
    public static List<string> Split(string line, char separator)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted)
            {
                if (c != '"')
                    field.Append(c);
                else if (i + 1 < line.Length && line[i + 1] == '"')
                    field.Append(line[++i]);
                else
                    quoted = false;
            }
            else if (c == '"' && field.ToString().Trim().Length == 0)
            {
                field.Clear();
                quoted = true;
            }
            else if (c == separator)
            {
                fields.Add(field.ToString().Trim());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }
        fields.Add(field.ToString().Trim());
        return fields;
    }

    /// <summary>Tab for .tsv/.tab files, comma for .csv; otherwise tab when the first line contains one, else comma.</summary>
    public static char DetectSeparator(string path, string firstLine)
    {
        string extension = Path.GetExtension(path);
        if (extension.Equals(".tsv", StringComparison.OrdinalIgnoreCase) || extension.Equals(".tab", StringComparison.OrdinalIgnoreCase))
            return '\t';
        if (extension.Equals(".csv", StringComparison.OrdinalIgnoreCase))
            return ',';
        return firstLine.Contains('\t') ? '\t' : ',';
    }
}
