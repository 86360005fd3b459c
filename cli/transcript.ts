/** Terminal output to plain text: drop colour and cursor sequences, use \n line ends. */
export function transcriptText(data: string): string {
  return data
    .replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '')
    .replace(/\x1b[()][A-Z0-9]/g, '')
    .replace(/\r\n/g, '\n')
    .replace(/\x07/g, '');
}
