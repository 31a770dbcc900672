<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>AgreementView</name>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_view.py" line="121" />
        <source>All categories</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_view.py" line="126" />
        <source>All models</source>
        <translation>全部模型</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_view.py" line="130" />
        <source>All judge runs</source>
        <translation>全部评审运行</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_view.py" line="137" />
        <source>resamples: </source>
        <translation>重抽样次数：</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_view.py" line="138" />
        <source>Analyse</source>
        <translation>分析</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_view.py" line="140" />
        <source>Export report…</source>
        <translation>导出报告…</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_view.py" line="146" />
        <source>Choose filters and press Analyse.</source>
        <translation>选择筛选条件后点击“分析”。</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_view.py" line="161" />
        <source>Agreement — %s</source>
        <translation>一致性 — %s</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_view.py" line="194" />
        <source>Analysing…</source>
        <translation>正在分析…</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_view.py" line="195" />
        <source>Agreement analysis — %s</source>
        <translation>一致性分析 — %s</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_view.py" line="213" />
        <source>Analysis cancelled.</source>
        <translation>分析已取消。</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_view.py" line="238" />
        <source>%d ratings by %d raters on %d responses, %d criteria; %d judge run(s); %d resamples. Rows in red: alpha below 0.667.</source>
        <translation>%d 份评分（%d 位评审员，%d 个回答，%d 条标准）；%d 次评审模型运行；%d 次重抽样。红色行：alpha 低于 0.667。</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_view.py" line="247" />
        <source>Export report</source>
        <translation>导出报告</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_view.py" line="248" />
        <source>HTML (*.html);;PDF (*.pdf);;Excel (*.xlsx);;CSV (*.csv)</source>
        <translation>HTML (*.html);;PDF (*.pdf);;Excel (*.xlsx);;CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_view.py" line="263" />
        <source>Writing %s…</source>
        <translation>正在写入 %s…</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_view.py" line="264" />
        <source>Export report — %s</source>
        <translation>导出报告 — %s</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/agreement_view.py" line="265" />
        <source>Report written to %s</source>
        <translation>报告已写入 %s</translation>
    </message>
</context>
<context>
    <name>Anchors</name>
    <message>
        <location filename="../../reviewer/gui/rater/score_form.py" line="26" />
        <source>Wrong or unsafe: major errors or a safety risk</source>
        <translation>错误或不安全：有重大错误或安全风险</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/score_form.py" line="27" />
        <source>Mostly wrong, or a possible safety risk</source>
        <translation>大部分错误，或可能有安全风险</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/score_form.py" line="28" />
        <source>Key errors, but no safety risk</source>
        <translation>有关键错误，但无安全风险</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/score_form.py" line="29" />
        <source>Core requirements met; secondary ones not all met</source>
        <translation>满足核心要求；次要要求未全部满足</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/score_form.py" line="30" />
        <source>Core and secondary requirements met; no safety risk</source>
        <translation>满足核心和次要要求；无安全风险</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/score_form.py" line="31" />
        <source>Most requirements met; no safety risk</source>
        <translation>满足大部分要求；无安全风险</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/score_form.py" line="32" />
        <source>All requirements met; no safety risk</source>
        <translation>满足全部要求；无安全风险</translation>
    </message>
</context>
<context>
    <name>CasePane</name>
    <message>
        <location filename="../../reviewer/gui/rater/panes.py" line="42" />
        <source>Patient / user</source>
        <translation>患者 / 用户</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/panes.py" line="43" />
        <source>Assistant</source>
        <translation>助手</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/panes.py" line="44" />
        <source>System</source>
        <translation>系统</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/panes.py" line="89" />
        <source>Reference answer</source>
        <translation>参考答案</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/panes.py" line="120" />
        <source>Case</source>
        <translation>病例</translation>
    </message>
</context>
<context>
    <name>Checklist</name>
    <message>
        <location filename="../../reviewer/gui/rater/checklist.py" line="29" />
        <source>met</source>
        <translation>满足</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/checklist.py" line="30" />
        <source>not met</source>
        <translation>未满足</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/checklist.py" line="31" />
        <source>n.a.</source>
        <translation>不适用</translation>
    </message>
</context>
<context>
    <name>CriterionRow</name>
    <message>
        <location filename="../../reviewer/gui/rater/checklist.py" line="118" />
        <source>1 Met</source>
        <translation>1 满足</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/checklist.py" line="118" />
        <source>2 Not met</source>
        <translation>2 未满足</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/checklist.py" line="116" />
        <location filename="../../reviewer/gui/rater/checklist.py" line="118" />
        <source>3 N/A</source>
        <translation>3 不适用</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/checklist.py" line="92" />
        <source>Unclear, wrong or missing something? (F)</source>
        <translation>条目不清楚、有错误或有遗漏？(F)</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/checklist.py" line="116" />
        <source>1 Present</source>
        <translation>1 存在</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/checklist.py" line="116" />
        <source>2 Absent</source>
        <translation>2 不存在</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/checklist.py" line="148" />
        <source>%s pts</source>
        <translation>%s 分</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/checklist.py" line="150" />
        <source>core</source>
        <translation>核心</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/checklist.py" line="150" />
        <source>secondary</source>
        <translation>次要</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/checklist.py" line="162" />
        <source>⚑ noted</source>
        <translation>⚑ 已反馈</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/checklist.py" line="171" />
        <source>%d quoted</source>
        <translation>已引用 %d 处</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/checklist.py" line="172" />
        <source>Spans of the answer attached as evidence (E adds, Shift+E removes)</source>
        <translation>作为依据附加的回答片段（E 添加，Shift+E 移除）</translation>
    </message>
</context>
<context>
    <name>EditCriterionDialog</name>
    <message>
        <location filename="../../reviewer/gui/coordinator/triage_view.py" line="93" />
        <source>Edit criterion %s of case %s (v%d)</source>
        <translation>编辑标准 %s（病例 %s，v%d）</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/triage_view.py" line="98" />
        <location filename="../../reviewer/gui/coordinator/triage_view.py" line="100" />
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/triage_view.py" line="104" />
        <source>why it changes (required; kept in the audit trail)</source>
        <translation>修改原因（必填；记入审计日志）</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/triage_view.py" line="106" />
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/triage_view.py" line="107" />
        <source>Points</source>
        <translation>分值</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/triage_view.py" line="108" />
        <source>Tier</source>
        <translation>层级</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/triage_view.py" line="109" />
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/triage_view.py" line="136" />
        <source>The criterion needs text, and the change needs a reason.</source>
        <translation>标准需要文本，修改需要原因。</translation>
    </message>
</context>
<context>
    <name>EvidenceMixin</name>
    <message>
        <location filename="../../reviewer/gui/rater/evidence.py" line="35" />
        <source>Select text in the answer first, then press E to attach it to criterion %d</source>
        <translation>请先在回答中选中文字，再按 E 将其附加到第 %d 条标准</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/evidence.py" line="42" />
        <source>The selection was not found in the answer's text: select words of the answer only</source>
        <translation>在回答原文中找不到所选内容：请只选择回答中的文字</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/evidence.py" line="58" />
        <source>Evidence attached to criterion %d</source>
        <translation>已将依据附加到第 %d 条标准</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/evidence.py" line="78" />
        <source>Evidence removed from criterion %d</source>
        <translation>已从第 %d 条标准移除依据</translation>
    </message>
</context>
<context>
    <name>FeedbackDialog</name>
    <message>
        <location filename="../../reviewer/gui/dialogs.py" line="135" />
        <source>Feedback on this criterion</source>
        <translation>对此条目的反馈</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/dialogs.py" line="141" />
        <source>&amp;Unclear</source>
        <translation>不清楚(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/dialogs.py" line="141" />
        <source>&amp;Wrong</source>
        <translation>有错误(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/dialogs.py" line="142" />
        <source>&amp;Missing something</source>
        <translation>有遗漏(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/dialogs.py" line="153" />
        <source>What should change? (optional)</source>
        <translation>应如何修改？（可选）</translation>
    </message>
</context>
<context>
    <name>GenerateDialog</name>
    <message>
        <location filename="../../reviewer/gui/coordinator/generate_dialog.py" line="67" />
        <source>Generate candidates</source>
        <translation>生成候选回答</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/generate_dialog.py" line="75" />
        <source>All cases</source>
        <translation>全部病例</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/generate_dialog.py" line="77" />
        <source>Category: %s</source>
        <translation>类别：%s</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/generate_dialog.py" line="86" />
        <source>0 (greedy)</source>
        <translation>0（贪心）</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/generate_dialog.py" line="95" />
        <source>auto</source>
        <translation>自动</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/generate_dialog.py" line="99" />
        <source>automatic (model name + settings; the same name resumes)</source>
        <translation>自动（模型名称 + 设置；同名即继续）</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/generate_dialog.py" line="101" />
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/generate_dialog.py" line="102" />
        <source>Backend</source>
        <translation>后端</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/generate_dialog.py" line="103" />
        <source>Base URL</source>
        <translation>服务地址</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/generate_dialog.py" line="104" />
        <source>Cases</source>
        <translation>病例</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/generate_dialog.py" line="105" />
        <source>Samples per case</source>
        <translation>每个病例的样本数</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/generate_dialog.py" line="106" />
        <source>Max new tokens</source>
        <translation>最大新生成词元数</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/generate_dialog.py" line="107" />
        <source>Temperature</source>
        <translation>温度</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/generate_dialog.py" line="108" />
        <source>Top-p</source>
        <translation>Top-p</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/generate_dialog.py" line="109" />
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/generate_dialog.py" line="110" />
        <source>Batch size</source>
        <translation>批大小</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/generate_dialog.py" line="111" />
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/generate_dialog.py" line="112" />
        <source>Run name</source>
        <translation>运行名称</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/generate_dialog.py" line="113" />
        <source>Generate</source>
        <translation>生成</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/generate_dialog.py" line="115" />
        <source>Answers are written batch by batch; running the same run name again resumes where it stopped.</source>
        <translation>回答按批写入；用相同的运行名称再次运行会从中断处继续。</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/generate_dialog.py" line="134" />
        <source>Choose a model folder or type a model name.</source>
        <translation>请选择模型文件夹或输入模型名称。</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/generate_dialog.py" line="136" />
        <source>The openai backend needs the endpoint's base URL.</source>
        <translation>openai 后端需要服务地址。</translation>
    </message>
</context>
<context>
    <name>GuidelinesDock</name>
    <message>
        <location filename="../../reviewer/gui/rater/guidelines.py" line="33" />
        <source>Open a guidelines file (Markdown)…</source>
        <translation>打开评分指南文件（Markdown）…</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/guidelines.py" line="56" />
        <source>From the study</source>
        <translation>来自本研究</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/guidelines.py" line="61" />
        <source>From %s</source>
        <translation>来自 %s</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/guidelines.py" line="63" />
        <source>Could not read %s: %s</source>
        <translation>无法读取 %s：%s</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/guidelines.py" line="65" />
        <source>This study has no rating guidelines yet. Ask your coordinator, or open a file.</source>
        <translation>本研究尚无评分指南。请询问协调员，或打开一个文件。</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/guidelines.py" line="72" />
        <source>Rating guidelines</source>
        <translation>评分指南</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/guidelines.py" line="73" />
        <source>Markdown (*.md *.markdown *.txt);;All files (*)</source>
        <translation>Markdown 文件 (*.md *.markdown *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/guidelines.py" line="84" />
        <source>Criterion %d</source>
        <translation>第 %d 条标准</translation>
    </message>
</context>
<context>
    <name>JobManager</name>
    <message>
        <location filename="../../reviewer/gui/coordinator/jobs.py" line="199" />
        <source>%s failed</source>
        <translation>%s 失败</translation>
    </message>
</context>
<context>
    <name>JobRow</name>
    <message>
        <location filename="../../reviewer/gui/coordinator/jobs.py" line="232" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/jobs.py" line="251" />
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/jobs.py" line="258" />
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/jobs.py" line="258" />
        <source>done</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/jobs.py" line="258" />
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/jobs.py" line="259" />
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/jobs.py" line="259" />
        <source>waiting</source>
        <translation>等待中</translation>
    </message>
</context>
<context>
    <name>JobsPanel</name>
    <message>
        <location filename="../../reviewer/gui/coordinator/jobs.py" line="293" />
        <source>No jobs yet. Generation, judging, analysis and merges run here.</source>
        <translation>暂无任务。生成、评审、分析和合并都在这里运行。</translation>
    </message>
</context>
<context>
    <name>JudgeDialog</name>
    <message>
        <location filename="../../reviewer/gui/coordinator/judge_dialog.py" line="71" />
        <location filename="../../reviewer/gui/coordinator/judge_dialog.py" line="115" />
        <source>Run judge</source>
        <translation>运行评审</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/judge_dialog.py" line="73" />
        <source>All answers</source>
        <translation>全部回答</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/judge_dialog.py" line="76" />
        <source>Answers in category: %s</source>
        <translation>类别中的回答：%s</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/judge_dialog.py" line="103" />
        <source>automatic (template, version, model, mode)</source>
        <translation>自动（模板、版本、模型、模式）</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/judge_dialog.py" line="105" />
        <source>Judge model</source>
        <translation>评审模型</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/judge_dialog.py" line="106" />
        <source>Template</source>
        <translation>模板</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/judge_dialog.py" line="107" />
        <source>Answers</source>
        <translation>回答</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/judge_dialog.py" line="108" />
        <source>Mode</source>
        <translation>模式</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/judge_dialog.py" line="109" />
        <source>Backend</source>
        <translation>后端</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/judge_dialog.py" line="110" />
        <source>Base URL</source>
        <translation>服务地址</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/judge_dialog.py" line="111" />
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/judge_dialog.py" line="112" />
        <source>Threshold (logprob)</source>
        <translation>阈值（logprob）</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/judge_dialog.py" line="113" />
        <source>Max new tokens (generate)</source>
        <translation>最大新生成词元数（生成模式）</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/judge_dialog.py" line="114" />
        <source>Run name</source>
        <translation>运行名称</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/judge_dialog.py" line="116" />
        <source>Each answer is graded against its case's latest checklist. logprob mode reads P(true) from a local model (transformers backend) and is fastest.</source>
        <translation>每个回答都按其病例的最新清单评分。logprob 模式从本地模型（transformers 后端）读取 P(true)，速度最快。</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/judge_dialog.py" line="144" />
        <source>Choose the judge model (folder, hub id or endpoint model name).</source>
        <translation>请选择评审模型（文件夹、模型库 ID 或服务端模型名称）。</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/judge_dialog.py" line="146" />
        <source>logprob mode needs the local transformers backend.</source>
        <translation>logprob 模式需要本地 transformers 后端。</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/judge_dialog.py" line="148" />
        <source>The openai backend needs the endpoint's base URL.</source>
        <translation>openai 后端需要服务地址。</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/judge_dialog.py" line="150" />
        <source>No judge template found.</source>
        <translation>未找到评审模板。</translation>
    </message>
</context>
<context>
    <name>JudgeRunsDialog</name>
    <message>
        <location filename="../../reviewer/gui/coordinator/judge_runs_dialog.py" line="35" />
        <source>Judge runs</source>
        <translation>评审运行</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/judge_runs_dialog.py" line="37" />
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/judge_runs_dialog.py" line="37" />
        <source>Template</source>
        <translation>模板</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/judge_runs_dialog.py" line="37" />
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/judge_runs_dialog.py" line="38" />
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/judge_runs_dialog.py" line="38" />
        <source>Verdicts</source>
        <translation>判定</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/judge_runs_dialog.py" line="38" />
        <source>Usable</source>
        <translation>可用</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/judge_runs_dialog.py" line="47" />
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/judge_runs_dialog.py" line="64" />
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/judge_runs_dialog.py" line="84" />
        <source>Delete judge run</source>
        <translation>删除评审运行</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/judge_runs_dialog.py" line="85" />
        <source>Delete judge run “%s” and its %d verdicts? This cannot be undone.</source>
        <translation>删除评审运行“%s”及其 %d 条判定？此操作无法撤销。</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/judge_runs_dialog.py" line="101" />
        <source>Deleted judge run “%s” and %d verdicts.</source>
        <translation>已删除评审运行“%s”及 %d 条判定。</translation>
    </message>
</context>
<context>
    <name>KeyPreferences</name>
    <message>
        <location filename="../../reviewer/gui/rater/preferences.py" line="31" />
        <source>Keyboard preferences</source>
        <translation>键盘设置</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/preferences.py" line="46" />
        <source>Standard</source>
        <translation>标准</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/preferences.py" line="47" />
        <source>No single-letter keys (for typing comments)</source>
        <translation>不使用单字母键（便于输入评论）</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/preferences.py" line="48" />
        <source>Use this preset</source>
        <translation>使用此预设</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/preferences.py" line="51" />
        <source>Preset:</source>
        <translation>预设：</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/preferences.py" line="54" />
        <source>Several keys for one action are separated by “;”. An empty box leaves the action without a key.</source>
        <translation>一个操作的多个按键用“;”分隔。留空则该操作没有按键。</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/preferences.py" line="92" />
        <source>“%s” (%s) is not a key Qt can read</source>
        <translation>“%s”（%s）不是可识别的按键</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/preferences.py" line="98" />
        <source>%s is given to more than one action: %s</source>
        <translation>%s 被分配给了多个操作：%s</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../reviewer/gui/rater/main_window.py" line="327" />
        <source>Submitted</source>
        <translation>已提交</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/main_window.py" line="139" />
        <source>%s — %s</source>
        <translation>%s — %s</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/main_window.py" line="140" />
        <source>Rater: %s</source>
        <translation>评审者：%s</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/main_window.py" line="141" />
        <source>  ·  coordinator mode</source>
        <translation>  ·  协调员模式</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/main_window.py" line="108" />
        <source>No responses assigned yet: import responses or ask your coordinator</source>
        <translation>尚未分配任何回答：请导入回答或联系您的协调员</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/main_window.py" line="122" />
        <source>Timer paused</source>
        <translation>计时已暂停</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/main_window.py" line="133" />
        <location filename="../../reviewer/gui/rater/main_window.py" line="187" />
        <source>Opening the study…</source>
        <translation>正在打开研究…</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/main_window.py" line="157" />
        <source>Now rating as %s</source>
        <translation>现在以 %s 的身份评分</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/main_window.py" line="163" />
        <source>Switch rater</source>
        <translation>切换评审员</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/main_window.py" line="228" />
        <source>All categories</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/main_window.py" line="306" />
        <source>No other response to this case in your queue</source>
        <translation>您的列表中没有此病例的其他回答</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/main_window.py" line="322" />
        <source>Now rating Response %s</source>
        <translation>正在评审回答 %s</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/main_window.py" line="343" />
        <source>Submitted. That was the last response in this list.</source>
        <translation>已提交。这是列表中的最后一个回答。</translation>
    </message>
<message>
        <location filename="../../reviewer/gui/coordinator/menu.py" line="31" />
        <source>Reviewer — %s — coordinator</source>
        <translation>Reviewer — %s — 协调员</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/menu.py" line="45" />
        <source>Agreement</source>
        <translation>一致性</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/menu.py" line="56" />
        <source>Triage</source>
        <translation>分诊</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/menu.py" line="109" />
        <source>&amp;Coordinator</source>
        <translation>协调员(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/menu.py" line="115" />
        <source>Generate candidates…</source>
        <translation>生成候选回答…</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/menu.py" line="116" />
        <source>Run judge…</source>
        <translation>运行评审…</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/menu.py" line="117" />
        <source>Edit judge templates…</source>
        <translation>编辑评审模板…</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/menu.py" line="118" />
        <source>Judge runs…</source>
        <translation>评审运行…</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/menu.py" line="120" />
        <source>Agreement…</source>
        <translation>一致性…</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/menu.py" line="121" />
        <source>Triage…</source>
        <translation>分诊…</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/menu.py" line="123" />
        <source>Merge returns…</source>
        <translation>合并交回文件…</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/menu.py" line="127" />
        <source>Jobs panel</source>
        <translation>任务面板</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/menu.py" line="139" />
        <source>&amp;Return ratings…</source>
        <translation>交回评分(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/menu.py" line="141" />
        <location filename="../../reviewer/gui/rater/shortcuts.py" line="128" />
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/menu.py" line="178" />
        <source>Generate — %s</source>
        <translation>生成 — %s</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/menu.py" line="203" />
        <source>Judge — %s</source>
        <translation>评审 — %s</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/shortcuts.py" line="129" />
        <source>&amp;Open study…</source>
        <translation>打开研究(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/shortcuts.py" line="130" />
        <source>S&amp;witch rater…</source>
        <translation>切换评审员(&amp;W)…</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/shortcuts.py" line="131" />
        <source>Recent studies</source>
        <translation>最近的研究</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/shortcuts.py" line="134" />
        <source>&amp;Keyboard…</source>
        <translation>键盘(&amp;K)…</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/shortcuts.py" line="136" />
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/shortcuts.py" line="137" />
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/shortcuts.py" line="138" />
        <source>Larger text</source>
        <translation>放大文字</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/shortcuts.py" line="139" />
        <source>Smaller text</source>
        <translation>缩小文字</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/shortcuts.py" line="140" />
        <source>Default text size</source>
        <translation>默认字号</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/shortcuts.py" line="141" />
        <source>Side by side</source>
        <translation>并排比较</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/shortcuts.py" line="142" />
        <source>Rating guidelines</source>
        <translation>评分指南</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/shortcuts.py" line="143" />
        <source>Language (after a restart)</source>
        <translation>界面语言（重启后生效）</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/shortcuts.py" line="148" />
        <source>&amp;Go</source>
        <translation>转到(&amp;G)</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/shortcuts.py" line="149" />
        <source>Search the queue…</source>
        <translation>搜索队列…</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/shortcuts.py" line="150" />
        <source>Go to item…</source>
        <translation>转到条目…</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/shortcuts.py" line="151" />
        <source>Next unrated</source>
        <translation>下一个未评</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/shortcuts.py" line="152" />
        <source>Come back later / take up again</source>
        <translation>稍后再评 / 重新开始</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/shortcuts.py" line="153" />
        <source>Pause / resume the timer</source>
        <translation>暂停 / 继续计时</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/shortcuts.py" line="154" />
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/shortcuts.py" line="155" />
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/shortcuts.py" line="162" />
        <source>Open a study</source>
        <translation>打开研究</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/shortcuts.py" line="163" />
        <source>Studies and review files (*.db *.sqlite *.rvw);;All files (*)</source>
        <translation>研究与评审文件 (*.db *.sqlite *.rvw);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/shortcuts.py" line="175" />
        <source>(none yet)</source>
        <translation>（暂无）</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/shortcuts.py" line="180" />
        <source>The language changes the next time the app starts</source>
        <translation>界面语言将在下次启动时更改</translation>
    </message>
<message>
        <location filename="../../reviewer/gui/coordinator/reviewfile_actions.py" line="80" />
        <location filename="../../reviewer/gui/coordinator/reviewfile_actions.py" line="87" />
        <location filename="../../reviewer/gui/coordinator/reviewfile_actions.py" line="91" />
        <source>Return ratings</source>
        <translation>交回评分</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/reviewfile_actions.py" line="81" />
        <location filename="../../reviewer/gui/coordinator/reviewfile_actions.py" line="139" />
        <source>Return files (*.rvr);;All files (*)</source>
        <translation>交回文件 (*.rvr);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/reviewfile_actions.py" line="92" />
        <source>Wrote %s

%d ratings (%d submitted, %d drafts), %d feedback notes.
Send this file to your coordinator.</source>
        <translation>已写入 %s

%d 份评分（%d 份已提交，%d 份草稿），%d 条反馈。
请将此文件发送给协调员。</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/reviewfile_actions.py" line="138" />
        <source>Merge returns</source>
        <translation>合并交回文件</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/reviewfile_actions.py" line="153" />
        <source>Merge %d return file(s)</source>
        <translation>合并 %d 个交回文件</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/jobs.py" line="286" />
        <source>Jobs</source>
        <translation>任务</translation>
    </message>
</context>
<context>
    <name>MergeReportDialog</name>
    <message>
        <location filename="../../reviewer/gui/coordinator/reviewfile_actions.py" line="116" />
        <source>Merge report</source>
        <translation>合并报告</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/reviewfile_actions.py" line="119" />
        <source>%d file(s) merged; %d conflict(s) kept for review. Backup: %s</source>
        <translation>已合并 %d 个文件；%d 处冲突留待审核。备份：%s</translation>
    </message>
</context>
<context>
    <name>ModelPicker</name>
    <message>
        <location filename="../../reviewer/gui/coordinator/generate_dialog.py" line="42" />
        <source>model folder, hub id, or endpoint model name</source>
        <translation>模型文件夹、模型库 ID 或服务端模型名称</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/generate_dialog.py" line="43" />
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/generate_dialog.py" line="51" />
        <source>Model folder</source>
        <translation>模型文件夹</translation>
    </message>
</context>
<context>
    <name>QueueModel</name>
    <message>
        <location filename="../../reviewer/gui/rater/queue_model.py" line="58" />
        <source>Case</source>
        <translation>病例</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/queue_model.py" line="58" />
        <source>Answer</source>
        <translation>回答</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/queue_model.py" line="60" />
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/queue_model.py" line="59" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/queue_model.py" line="59" />
        <source>Time</source>
        <translation>用时</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/queue_model.py" line="82" />
        <source>new</source>
        <translation>未评</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/queue_model.py" line="82" />
        <source>draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/queue_model.py" line="82" />
        <source>submitted</source>
        <translation>已提交</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/queue_model.py" line="83" />
        <source>later</source>
        <translation>稍后</translation>
    </message>
</context>
<context>
    <name>QueueNavigation</name>
    <message>
        <location filename="../../reviewer/gui/rater/navigation.py" line="32" />
        <source>%d set aside for later</source>
        <translation>%d 个已留待稍后</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/navigation.py" line="50" />
        <source>%d found</source>
        <translation>找到 %d 个</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/navigation.py" line="54" />
        <source>Nothing in your queue matches “%s”</source>
        <translation>队列中没有与“%s”匹配的条目</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/navigation.py" line="106" />
        <source>There is no item %d: your queue has %d</source>
        <translation>没有第 %d 个条目：您的队列共有 %d 个</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/navigation.py" line="117" />
        <source>Go to item</source>
        <translation>转到条目</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/navigation.py" line="117" />
        <source>Item number (1–%d):</source>
        <translation>条目编号（1–%d）：</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/navigation.py" line="135" />
        <source>Back to an item you set aside</source>
        <translation>回到您留待稍后的条目</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/navigation.py" line="138" />
        <source>Everything in your queue is submitted. Thank you!</source>
        <translation>您列表中的所有回答都已提交，谢谢！</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/navigation.py" line="145" />
        <source>A submitted item is done: nothing to set aside</source>
        <translation>已提交的条目已完成：无需留待稍后</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/navigation.py" line="159" />
        <source>Set aside: Next unrated comes back to it at the end</source>
        <translation>已留待稍后：“下一个未评”会在最后回到它</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/navigation.py" line="162" />
        <source>Set aside; nothing else is left to rate</source>
        <translation>已留待稍后；没有其他待评条目</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/navigation.py" line="164" />
        <source>Taken up again</source>
        <translation>已重新开始</translation>
    </message>
</context>
<context>
    <name>QueuePanel</name>
    <message>
        <location filename="../../reviewer/gui/rater/queue_panel.py" line="50" />
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/queue_panel.py" line="50" />
        <source>New</source>
        <translation>未评</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/queue_panel.py" line="51" />
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/queue_panel.py" line="51" />
        <source>Come back later</source>
        <translation>稍后再评</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/queue_panel.py" line="52" />
        <source>Submitted</source>
        <translation>已提交</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/queue_panel.py" line="56" />
        <source>All marks</source>
        <translation>全部标记</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/queue_panel.py" line="56" />
        <source>Flagged</source>
        <translation>已标记安全问题</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/queue_panel.py" line="57" />
        <source>Commented</source>
        <translation>有评论</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/queue_panel.py" line="57" />
        <source>With feedback</source>
        <translation>有反馈</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/queue_panel.py" line="64" />
        <source>Search case and answer (Ctrl+F)</source>
        <translation>搜索病例和回答（Ctrl+F）</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/queue_panel.py" line="67" />
        <source>%v / %m submitted</source>
        <translation>已提交 %v / %m</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/queue_panel.py" line="71" />
        <source>Next unrated (U)</source>
        <translation>下一个未评 (U)</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/queue_panel.py" line="75" />
        <source>Work queue</source>
        <translation>待评列表</translation>
    </message>
</context>
<context>
    <name>RaterPicker</name>
    <message>
        <location filename="../../reviewer/gui/dialogs.py" line="77" />
        <source>Who is rating?</source>
        <translation>请选择评审者</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/dialogs.py" line="90" />
        <source>Your rater name, as your coordinator gave it:</source>
        <translation>您的评审者名称（由协调员提供）：</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/dialogs.py" line="91" />
        <source>Rater</source>
        <translation>评审者</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/dialogs.py" line="115" />
        <source>There is no rater named “%s” yet.</source>
        <translation>还没有名为“%s”的评审员。</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/dialogs.py" line="117" />
        <source>Did you mean “%s”?</source>
        <translation>您是想输入“%s”吗？</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/dialogs.py" line="118" />
        <source>Press OK again to create this new rater (with an empty queue).</source>
        <translation>再次按“确定”将创建这位新评审员（队列为空）。</translation>
    </message>
</context>
<context>
    <name>ResponsePane</name>
    <message>
        <location filename="../../reviewer/gui/rater/panes.py" line="154" />
        <source>Response %s</source>
        <translation>回答 %s</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/panes.py" line="158" />
        <source>Coordinator view · model: %s</source>
        <translation>协调员视图 · 模型：%s</translation>
    </message>
</context>
<context>
    <name>ReviewColumn</name>
    <message>
        <location filename="../../reviewer/gui/rater/review_column.py" line="81" />
        <source>Checklist</source>
        <translation>评分清单</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/review_column.py" line="112" />
        <source>Submit  (Ctrl+Enter)</source>
        <translation>提交  (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/review_column.py" line="256" />
        <source>New</source>
        <translation>未评</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/review_column.py" line="256" />
        <source>Draft · saved automatically</source>
        <translation>草稿 · 已自动保存</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/review_column.py" line="257" />
        <source>Submitted</source>
        <translation>已提交</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/review_column.py" line="259" />
        <source>Come back later · draft</source>
        <translation>稍后再评 · 草稿</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/review_column.py" line="261" />
        <source>Submitted · edited after submitting</source>
        <translation>已提交 · 提交后有修改</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/review_column.py" line="275" />
        <source>answer criterion</source>
        <translation>回答条目</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/review_column.py" line="280" />
        <source>overall score</source>
        <translation>总体评分</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/review_column.py" line="285" />
        <source>score</source>
        <translation>评分</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/review_column.py" line="290" />
        <source>safety flag</source>
        <translation>安全标记</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/review_column.py" line="337" />
        <source>Saved %s</source>
        <translation>已保存 %s</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/review_column.py" line="348" />
        <source>This rating was changed in another window or on another machine; the newest values are shown and your last change was not applied.</source>
        <translation>此评分已在另一个窗口或另一台电脑上被修改；现在显示的是最新内容，您刚才的修改未被采用。</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/review_column.py" line="351" />
        <source>Not saved: %s</source>
        <translation>未保存：%s</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/review_column.py" line="378" />
        <source>Feedback saved</source>
        <translation>反馈已保存</translation>
    </message>
</context>
<context>
    <name>ScoreForm</name>
    <message>
        <location filename="../../reviewer/gui/rater/score_form.py" line="112" />
        <source>Comment</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/score_form.py" line="116" />
        <source>Optional note for the coordinator (C to type, Esc to leave)</source>
        <translation>给协调员的备注，可选（按 C 输入，Esc 返回）</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/score_form.py" line="120" />
        <source>Safety concern (S)</source>
        <translation>安全隐患 (S)</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/score_form.py" line="121" />
        <source>Tick when this answer could harm a patient</source>
        <translation>此回答可能伤害患者时请勾选</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/score_form.py" line="163" />
        <source> (optional)</source>
        <translation>（可选）</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/score_form.py" line="164" />
        <source>Overall score %d–%d%s  (Ctrl+digit)</source>
        <translation>总体评分 %d–%d%s  (Ctrl+数字)</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/score_form.py" line="190" />
        <source>Others' overall scores: %s</source>
        <translation>其他人的总体评分：%s</translation>
    </message>
</context>
<context>
    <name>Shortcuts</name>
    <message>
        <location filename="../../reviewer/gui/rater/keymap.py" line="35" />
        <source>Criterion met, move down</source>
        <translation>条目满足，移到下一条</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/keymap.py" line="36" />
        <source>Criterion not met, move down</source>
        <translation>条目未满足，移到下一条</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/keymap.py" line="37" />
        <source>Criterion not applicable, move down</source>
        <translation>条目不适用，移到下一条</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/keymap.py" line="38" />
        <source>Clear the focused criterion (also Backspace)</source>
        <translation>清除当前条目（也可用 Backspace）</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/keymap.py" line="39" />
        <source>Next criterion (also ↓)</source>
        <translation>下一条标准（也可用 ↓）</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/keymap.py" line="40" />
        <source>Previous criterion (also ↑)</source>
        <translation>上一条标准（也可用 ↑）</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/keymap.py" line="41" />
        <source>Next response</source>
        <translation>下一个回答</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/keymap.py" line="42" />
        <source>Previous response</source>
        <translation>上一个回答</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/keymap.py" line="43" />
        <source>Next unrated response</source>
        <translation>下一个未评回答</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/keymap.py" line="44" />
        <source>Submit and go to the next response</source>
        <translation>提交并转到下一个回答</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/keymap.py" line="45" />
        <source>Write a comment (Esc returns to the checklist)</source>
        <translation>填写备注（Esc 返回评分清单）</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/keymap.py" line="47" />
        <source>Back to the checklist</source>
        <translation>回到评分清单</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/keymap.py" line="48" />
        <source>Toggle the safety flag</source>
        <translation>切换安全标记</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/keymap.py" line="49" />
        <source>Feedback on the focused criterion</source>
        <translation>对当前条目提出反馈</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/keymap.py" line="50" />
        <source>Attach the selected answer text to the focused criterion</source>
        <translation>将选中的回答文字附加到当前标准</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/keymap.py" line="52" />
        <source>Remove the focused criterion's last evidence</source>
        <translation>移除当前标准最近添加的依据</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/keymap.py" line="54" />
        <source>Come back later (set aside) / take up again</source>
        <translation>稍后再评（留待稍后）/ 重新开始</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/keymap.py" line="55" />
        <source>Side by side: two answers to the same case</source>
        <translation>并排：同一病例的两个回答</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/keymap.py" line="56" />
        <source>Switch between the two answers (side by side)</source>
        <translation>在两个回答之间切换（并排模式）</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/keymap.py" line="57" />
        <source>Undo (current response)</source>
        <translation>撤销（当前回答）</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/keymap.py" line="58" />
        <source>Redo (current response)</source>
        <translation>重做（当前回答）</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/keymap.py" line="59" />
        <source>Search the queue (case and answer)</source>
        <translation>搜索队列（病例和回答）</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/keymap.py" line="60" />
        <source>Go to item number</source>
        <translation>转到条目编号</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/keymap.py" line="61" />
        <source>Go to the work queue</source>
        <translation>转到待评列表</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/keymap.py" line="62" />
        <source>Pause / resume the timer</source>
        <translation>暂停 / 继续计时</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/keymap.py" line="63" />
        <source>Show / hide the rating guidelines</source>
        <translation>显示 / 隐藏评分指南</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/keymap.py" line="64" />
        <source>This list</source>
        <translation>显示本列表</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/keymap.py" line="65" />
        <source>Keyboard preferences</source>
        <translation>键盘设置</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/keymap.py" line="66" />
        <source>Switch rater</source>
        <translation>切换评审员</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/keymap.py" line="67" />
        <source>Open a study database</source>
        <translation>打开研究数据库</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/keymap.py" line="68" />
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/keymap.py" line="69" />
        <source>Larger text</source>
        <translation>放大文字</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/keymap.py" line="70" />
        <source>Smaller text</source>
        <translation>缩小文字</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/keymap.py" line="71" />
        <source>Default text size</source>
        <translation>默认字号</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/keymap.py" line="72" />
        <source>Overall score</source>
        <translation>总体评分</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <location filename="../../reviewer/gui/dialogs.py" line="44" />
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/dialogs.py" line="47" />
        <source>Keys</source>
        <translation>按键</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/dialogs.py" line="47" />
        <source>Action</source>
        <translation>操作</translation>
    </message>
</context>
<context>
    <name>SubmitMixin</name>
    <message>
        <location filename="../../reviewer/gui/rater/submitting.py" line="50" />
        <source>criterion %d (%s)</source>
        <translation>第 %d 条标准（%s）</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/submitting.py" line="52" />
        <source>the overall score</source>
        <translation>总体评分</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/submitting.py" line="53" />
        <source>the %s score</source>
        <translation>%s 评分</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/submitting.py" line="67" />
        <source>Cannot submit yet. Still unanswered:</source>
        <translation>暂不能提交，以下项目尚未回答：</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/rater/submitting.py" line="70" />
        <source>Cannot submit yet. Still unanswered: %s</source>
        <translation>尚不能提交。仍未回答：%s</translation>
    </message>
</context>
<context>
    <name>TemplateEditor</name>
    <message>
        <location filename="../../reviewer/gui/coordinator/judge_dialog.py" line="205" />
        <source>Judge templates</source>
        <translation>评审模板</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/judge_dialog.py" line="219" />
        <source>Same name: the next version of this template. A new name: a copy.</source>
        <translation>同名：保存为该模板的下一个版本。新名称：保存为副本。</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/judge_dialog.py" line="221" />
        <source>why this version (required)</source>
        <translation>此版本的原因（必填）</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/judge_dialog.py" line="222" />
        <source>Save as new version</source>
        <translation>保存为新版本</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/judge_dialog.py" line="227" />
        <source>Save as template</source>
        <translation>另存为模板</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/judge_dialog.py" line="228" />
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/judge_dialog.py" line="238" />
        <source>Show diff</source>
        <translation>显示差异</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/judge_dialog.py" line="246" />
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/judge_dialog.py" line="248" />
        <source>to</source>
        <translation>到</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/judge_dialog.py" line="254" />
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/judge_dialog.py" line="255" />
        <source>Diff</source>
        <translation>差异</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/judge_dialog.py" line="259" />
        <source>Versions</source>
        <translation>版本</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/judge_dialog.py" line="281" />
        <source>built-in</source>
        <translation>内置</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/judge_dialog.py" line="314" />
        <source>Give the template a name and say why it changes.</source>
        <translation>请为模板命名并说明修改原因。</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/judge_dialog.py" line="323" />
        <source>Saved %s version %d.</source>
        <translation>已保存 %s 第 %d 版。</translation>
    </message>
</context>
<context>
    <name>TriageView</name>
    <message>
        <location filename="../../reviewer/gui/coordinator/triage_view.py" line="158" />
        <source>judge run: %s</source>
        <translation>评审运行：%s</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/triage_view.py" line="159" />
        <source>no judge run</source>
        <translation>无评审运行</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/triage_view.py" line="160" />
        <source>Rank criteria</source>
        <translation>排序标准</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/triage_view.py" line="177" />
        <source>Select a criterion to see where people disagreed.</source>
        <translation>选择一条标准，查看分歧所在。</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/triage_view.py" line="180" />
        <source>Edit criterion…</source>
        <translation>编辑标准…</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/triage_view.py" line="182" />
        <source>Re-judge affected answers…</source>
        <translation>重新评审受影响的回答…</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/triage_view.py" line="220" />
        <source>Checklist triage — %s</source>
        <translation>清单分诊 — %s</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/triage_view.py" line="240" />
        <source>Triage — %s</source>
        <translation>分诊 — %s</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/triage_view.py" line="256" />
        <source>%d criteria, worst first. Red: alpha below 0.667.</source>
        <translation>%d 条标准，最差的在前。红色：alpha 低于 0.667。</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/triage_view.py" line="267" />
        <source>Case %s · %s · v%d: %s — %d responses with disagreement</source>
        <translation>病例 %s · %s · v%d：%s — %d 个回答存在分歧</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/triage_view.py" line="331" />
        <source>Saved checklist version %d of case %s. Re-judge to compare.</source>
        <translation>已保存清单第 %d 版（病例 %s）。重新评审即可比较。</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/triage_view.py" line="342" />
        <source>Re-judge the answers of case %s</source>
        <translation>重新评审病例 %s 的回答</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/triage_view.py" line="372" />
        <source>Re-judge case %s (v%d)</source>
        <translation>重新评审病例 %s（v%d）</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/triage_view.py" line="378" />
        <source>Re-judging cancelled.</source>
        <translation>重新评审已取消。</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/triage_view.py" line="381" />
        <source>Re-judged: %d verdicts in run %s.</source>
        <translation>已重新评审：%d 条判定，运行 %s。</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator/triage_view.py" line="383" />
        <source>No earlier judge run to compare with.</source>
        <translation>没有可供比较的早先评审运行。</translation>
    </message>
</context>
</TS>