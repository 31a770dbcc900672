"""Build a tiny random Llama-style causal LM and its tokenizer in a folder, with no download.

Used by the tests and benchmarks (and handy for trying the generation and judge screens on a
machine without a real model). Needs the ``models`` extra (torch, transformers, tokenizers).
"""

from __future__ import annotations

from pathlib import Path

CHAT_TEMPLATE = (
    "{% for m in messages %}<|{{ m['role'] }}|>\n{{ m['content'] }}</s>\n{% endfor %}"
    "{% if add_generation_prompt %}<|assistant|>\n{% endif %}"
)

_CORPUS = [
    "The patient has chest pain and should call emergency services now.",
    "Amoxicillin dose depends on the child's weight; ask the pediatrician.",
    "true false yes no met not met score result explanation criteria_met",
    '{"explanation": "The answer advises emergency care.", "criteria_met": true}',
    '{"explanation": "The answer does not mention it.", "criteria_met": false}',
    "[RESULT] 4 [1] [2] [3] [4] [5] 得分 判断依据 患者 医生 建议 治疗 诊断 药物 剂量",
    "Hypertension, diabetes, asthma, pneumonia, sepsis, stroke, myocardial infarction.",
]


def build_tiny_llama(folder: str | Path, *, hidden_size: int = 64, layers: int = 2, vocab_size: int = 512,
                     seed: int = 0, with_chat_template: bool = True) -> Path:
    """Write config, weights and tokenizer files of a ~0.2M-parameter Llama into *folder*."""
    import torch
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
    from transformers import LlamaConfig, LlamaForCausalLM, PreTrainedTokenizerFast

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    special = ["<unk>", "<s>", "</s>", "<pad>", "<|user|>", "<|assistant|>", "<|system|>"]
    tok = Tokenizer(models.BPE(unk_token="<unk>"))
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(vocab_size=vocab_size, special_tokens=special,
                                  initial_alphabet=pre_tokenizers.ByteLevel.alphabet(), show_progress=False)
    tok.train_from_iterator(_CORPUS * 4, trainer=trainer)
    fast = PreTrainedTokenizerFast(tokenizer_object=tok, unk_token="<unk>", bos_token="<s>",
                                   eos_token="</s>", pad_token="<pad>")
    if with_chat_template:
        fast.chat_template = CHAT_TEMPLATE
    fast.save_pretrained(folder)

    torch.manual_seed(seed)
    config = LlamaConfig(
        vocab_size=len(fast), hidden_size=hidden_size, intermediate_size=hidden_size * 2,
        num_hidden_layers=layers, num_attention_heads=4, num_key_value_heads=2,
        max_position_embeddings=2048, bos_token_id=fast.bos_token_id, eos_token_id=fast.eos_token_id,
        pad_token_id=fast.pad_token_id, tie_word_embeddings=True,
    )
    model = LlamaForCausalLM(config)
    model.generation_config.pad_token_id = fast.pad_token_id
    model.save_pretrained(folder)
    return folder
