"""One module per record kind; ``records.kinds`` says which model reads which file."""
