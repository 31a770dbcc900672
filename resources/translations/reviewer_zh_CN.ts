<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>AgreementView</name>
    <message>
        <location filename="../../reviewer/gui/agreement_view.py" line="125" />
        <source>All categories</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/agreement_view.py" line="130" />
        <source>All models</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../reviewer/gui/agreement_view.py" line="134" />
        <source>All judge runs</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../reviewer/gui/agreement_view.py" line="141" />
        <source>resamples: </source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../reviewer/gui/agreement_view.py" line="142" />
        <source>Analyse</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../reviewer/gui/agreement_view.py" line="144" />
        <source>Export report…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../reviewer/gui/agreement_view.py" line="150" />
        <source>Choose filters and press Analyse.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../reviewer/gui/agreement_view.py" line="165" />
        <source>Agreement — %s</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../reviewer/gui/agreement_view.py" line="198" />
        <source>Analysing…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../reviewer/gui/agreement_view.py" line="199" />
        <source>Agreement analysis — %s</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../reviewer/gui/agreement_view.py" line="217" />
        <source>Analysis cancelled.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../reviewer/gui/agreement_view.py" line="245" />
        <source>%d ratings by %d raters on %d responses, %d criteria; %d judge run(s); %d resamples. Rows in red: alpha below 0.667.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../reviewer/gui/agreement_view.py" line="254" />
        <source>Export report</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../reviewer/gui/agreement_view.py" line="255" />
        <source>HTML (*.html);;PDF (*.pdf);;Excel (*.xlsx);;CSV (*.csv)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../reviewer/gui/agreement_view.py" line="270" />
        <source>Writing %s…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../reviewer/gui/agreement_view.py" line="271" />
        <source>Export report — %s</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../reviewer/gui/agreement_view.py" line="272" />
        <source>Report written to %s</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>CasePane</name>
    <message>
        <location filename="../../reviewer/gui/panes.py" line="41" />
        <source>Patient / user</source>
        <translation>患者 / 用户</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/panes.py" line="42" />
        <source>Assistant</source>
        <translation>助手</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/panes.py" line="43" />
        <source>System</source>
        <translation>系统</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/panes.py" line="88" />
        <source>Reference answer</source>
        <translation>参考答案</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/panes.py" line="119" />
        <source>Case</source>
        <translation>病例</translation>
    </message>
</context>
<context>
    <name>Checklist</name>
    <message>
        <location filename="../../reviewer/gui/checklist.py" line="30" />
        <source>met</source>
        <translation>满足</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/checklist.py" line="31" />
        <source>not met</source>
        <translation>未满足</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/checklist.py" line="32" />
        <source>n.a.</source>
        <translation>不适用</translation>
    </message>
</context>
<context>
    <name>CriterionRow</name>
    <message>
        <location filename="../../reviewer/gui/checklist.py" line="70" />
        <source>1 Met</source>
        <translation>1 满足</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/checklist.py" line="70" />
        <source>2 Not met</source>
        <translation>2 未满足</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/checklist.py" line="71" />
        <source>3 N/A</source>
        <translation>3 不适用</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/checklist.py" line="90" />
        <source>Unclear, wrong or missing something? (F)</source>
        <translation>条目不清楚、有错误或有遗漏？(F)</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/checklist.py" line="123" />
        <source>%s pts</source>
        <translation>%s 分</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/checklist.py" line="125" />
        <source>core</source>
        <translation>核心</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/checklist.py" line="125" />
        <source>secondary</source>
        <translation>次要</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/checklist.py" line="133" />
        <source>⚑ noted</source>
        <translation>⚑ 已反馈</translation>
    </message>
</context>
<context>
    <name>EditCriterionDialog</name>
    <message>
        <location filename="../../reviewer/gui/triage_view.py" line="91" />
        <source>Edit criterion %s of case %s (v%d)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../reviewer/gui/triage_view.py" line="96" />
        <location filename="../../reviewer/gui/triage_view.py" line="98" />
        <source>none</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../reviewer/gui/triage_view.py" line="102" />
        <source>why it changes (required; kept in the audit trail)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../reviewer/gui/triage_view.py" line="104" />
        <source>Text</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../reviewer/gui/triage_view.py" line="105" />
        <source>Points</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../reviewer/gui/triage_view.py" line="106" />
        <source>Tier</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../reviewer/gui/triage_view.py" line="107" />
        <source>Reason</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../reviewer/gui/triage_view.py" line="134" />
        <source>The criterion needs text, and the change needs a reason.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>FeedbackDialog</name>
    <message>
        <location filename="../../reviewer/gui/dialogs.py" line="105" />
        <source>Feedback on this criterion</source>
        <translation>对此条目的反馈</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/dialogs.py" line="110" />
        <source>&amp;Unclear</source>
        <translation>不清楚(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/dialogs.py" line="110" />
        <source>&amp;Wrong</source>
        <translation>有错误(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/dialogs.py" line="111" />
        <source>&amp;Missing something</source>
        <translation>有遗漏(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/dialogs.py" line="121" />
        <source>What should change? (optional)</source>
        <translation>应如何修改？（可选）</translation>
    </message>
</context>
<context>
    <name>GenerateDialog</name>
    <message>
        <location filename="../../reviewer/gui/generate_dialog.py" line="75" />
        <source>Generate candidates</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../reviewer/gui/generate_dialog.py" line="83" />
        <source>All cases</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../reviewer/gui/generate_dialog.py" line="85" />
        <source>Category: %s</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../reviewer/gui/generate_dialog.py" line="94" />
        <source>0 (greedy)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../reviewer/gui/generate_dialog.py" line="103" />
        <source>auto</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../reviewer/gui/generate_dialog.py" line="107" />
        <source>automatic (model name + settings; the same name resumes)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../reviewer/gui/generate_dialog.py" line="109" />
        <source>Model</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../reviewer/gui/generate_dialog.py" line="110" />
        <source>Backend</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../reviewer/gui/generate_dialog.py" line="111" />
        <source>Base URL</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../reviewer/gui/generate_dialog.py" line="112" />
        <source>Cases</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../reviewer/gui/generate_dialog.py" line="113" />
        <source>Samples per case</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../reviewer/gui/generate_dialog.py" line="114" />
        <source>Max new tokens</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../reviewer/gui/generate_dialog.py" line="115" />
        <source>Temperature</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../reviewer/gui/generate_dialog.py" line="116" />
        <source>Top-p</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../reviewer/gui/generate_dialog.py" line="117" />
        <source>Seed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../reviewer/gui/generate_dialog.py" line="118" />
        <source>Batch size</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../reviewer/gui/generate_dialog.py" line="119" />
        <source>Device</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../reviewer/gui/generate_dialog.py" line="120" />
        <source>Run name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../reviewer/gui/generate_dialog.py" line="126" />
        <source>Generate</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../reviewer/gui/generate_dialog.py" line="130" />
        <source>Answers are written batch by batch; running the same run name again resumes where it stopped.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../reviewer/gui/generate_dialog.py" line="149" />
        <source>Choose a model folder or type a model name.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../reviewer/gui/generate_dialog.py" line="151" />
        <source>The openai backend needs the endpoint's base URL.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>JobManager</name>
    <message>
        <location filename="../../reviewer/gui/jobs.py" line="199" />
        <source>%s failed</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>JobRow</name>
    <message>
        <location filename="../../reviewer/gui/jobs.py" line="230" />
        <source>Cancel</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../reviewer/gui/jobs.py" line="249" />
        <source>Cancelling…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../reviewer/gui/jobs.py" line="256" />
        <source>running</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../reviewer/gui/jobs.py" line="256" />
        <source>done</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../reviewer/gui/jobs.py" line="256" />
        <source>cancelled</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../reviewer/gui/jobs.py" line="257" />
        <source>failed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../reviewer/gui/jobs.py" line="257" />
        <source>waiting</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>JobsPanel</name>
    <message>
        <location filename="../../reviewer/gui/jobs.py" line="289" />
        <source>No jobs yet. Generation, judging, analysis and merges run here.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>JudgeDialog</name>
    <message>
        <location filename="../../reviewer/gui/judge_dialog.py" line="72" />
        <location filename="../../reviewer/gui/judge_dialog.py" line="115" />
        <source>Run judge</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../reviewer/gui/judge_dialog.py" line="99" />
        <source>automatic (template, version, model, mode)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../reviewer/gui/judge_dialog.py" line="101" />
        <source>Judge model</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../reviewer/gui/judge_dialog.py" line="102" />
        <source>Template</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../reviewer/gui/judge_dialog.py" line="103" />
        <source>Mode</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../reviewer/gui/judge_dialog.py" line="104" />
        <source>Backend</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../reviewer/gui/judge_dialog.py" line="105" />
        <source>Base URL</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../reviewer/gui/judge_dialog.py" line="106" />
        <source>Device</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../reviewer/gui/judge_dialog.py" line="107" />
        <source>Threshold (logprob)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../reviewer/gui/judge_dialog.py" line="108" />
        <source>Max new tokens (generate)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../reviewer/gui/judge_dialog.py" line="109" />
        <source>Run name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../reviewer/gui/judge_dialog.py" line="118" />
        <source>Each answer is graded against its case's latest checklist. logprob mode reads P(true) from a local model (transformers backend) and is fastest.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../reviewer/gui/judge_dialog.py" line="146" />
        <source>Choose the judge model (folder, hub id or endpoint model name).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../reviewer/gui/judge_dialog.py" line="148" />
        <source>logprob mode needs the local transformers backend.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../reviewer/gui/judge_dialog.py" line="150" />
        <source>The openai backend needs the endpoint's base URL.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../reviewer/gui/judge_dialog.py" line="152" />
        <source>No judge template found.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../reviewer/gui/main_window.py" line="53" />
        <source>Reviewer — %s — %s</source>
        <translation>Reviewer — %s — %s</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/main_window.py" line="74" />
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/main_window.py" line="74" />
        <source>New</source>
        <translation>未评</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/main_window.py" line="75" />
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/main_window.py" line="75" />
        <location filename="../../reviewer/gui/main_window.py" line="316" />
        <source>Submitted</source>
        <translation>已提交</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/main_window.py" line="81" />
        <source>%v / %m submitted</source>
        <translation>已提交 %v / %m</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/main_window.py" line="82" />
        <source>Next unrated (U)</source>
        <translation>下一个未评 (U)</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/main_window.py" line="89" />
        <source>Work queue</source>
        <translation>待评列表</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/main_window.py" line="92" />
        <source>Rater: %s</source>
        <translation>评审者：%s</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/main_window.py" line="92" />
        <source>  ·  coordinator mode</source>
        <translation>  ·  协调员模式</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/main_window.py" line="123" />
        <source>No responses assigned yet: import responses or ask your coordinator</source>
        <translation>尚未分配任何回答：请导入回答或联系您的协调员</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/main_window.py" line="179" />
        <source>All categories</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/main_window.py" line="292" />
        <source>Everything in your queue is submitted. Thank you!</source>
        <translation>您列表中的所有回答都已提交，谢谢！</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/main_window.py" line="302" />
        <source>No other response to this case in your queue</source>
        <translation>您的列表中没有此病例的其他回答</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/main_window.py" line="311" />
        <source>Now rating Response %s</source>
        <translation>正在评审回答 %s</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/main_window.py" line="332" />
        <source>Submitted. That was the last response in this list.</source>
        <translation>已提交。这是列表中的最后一个回答。</translation>
    </message>
</context>
<context>
    <name>MergeReportDialog</name>
    <message>
        <location filename="../../reviewer/gui/reviewfile_actions.py" line="116" />
        <source>Merge report</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../reviewer/gui/reviewfile_actions.py" line="119" />
        <source>%d file(s) merged; %d conflict(s) kept for review. Backup: %s</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ModelPicker</name>
    <message>
        <location filename="../../reviewer/gui/generate_dialog.py" line="50" />
        <source>model folder, hub id, or endpoint model name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../reviewer/gui/generate_dialog.py" line="51" />
        <source>Browse…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../reviewer/gui/generate_dialog.py" line="59" />
        <source>Model folder</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>QueueModel</name>
    <message>
        <location filename="../../reviewer/gui/queue_model.py" line="50" />
        <source>Case</source>
        <translation>病例</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/queue_model.py" line="50" />
        <source>Answer</source>
        <translation>回答</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/queue_model.py" line="52" />
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/queue_model.py" line="51" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/queue_model.py" line="51" />
        <source>Time</source>
        <translation>用时</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/queue_model.py" line="73" />
        <source>new</source>
        <translation>未评</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/queue_model.py" line="73" />
        <source>draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/queue_model.py" line="73" />
        <source>submitted</source>
        <translation>已提交</translation>
    </message>
</context>
<context>
    <name>RaterPicker</name>
    <message>
        <location filename="../../reviewer/gui/dialogs.py" line="78" />
        <source>Who is rating?</source>
        <translation>请选择评审者</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/dialogs.py" line="85" />
        <source>Your rater name, as your coordinator gave it:</source>
        <translation>您的评审者名称（由协调员提供）：</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/dialogs.py" line="86" />
        <source>Rater</source>
        <translation>评审者</translation>
    </message>
</context>
<context>
    <name>ResponsePane</name>
    <message>
        <location filename="../../reviewer/gui/panes.py" line="153" />
        <source>Response %s</source>
        <translation>回答 %s</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/panes.py" line="157" />
        <source>Coordinator view · model: %s</source>
        <translation>协调员视图 · 模型：%s</translation>
    </message>
</context>
<context>
    <name>ReviewColumn</name>
    <message>
        <location filename="../../reviewer/gui/review_column.py" line="83" />
        <source>Checklist</source>
        <translation>评分清单</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/review_column.py" line="114" />
        <source>Submit  (Ctrl+Enter)</source>
        <translation>提交  (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/review_column.py" line="256" />
        <source>New</source>
        <translation>未评</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/review_column.py" line="256" />
        <source>Draft · saved automatically</source>
        <translation>草稿 · 已自动保存</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/review_column.py" line="257" />
        <source>Submitted</source>
        <translation>已提交</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/review_column.py" line="259" />
        <source>Submitted · edited after submitting</source>
        <translation>已提交 · 提交后有修改</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/review_column.py" line="273" />
        <source>answer criterion</source>
        <translation>回答条目</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/review_column.py" line="278" />
        <source>overall score</source>
        <translation>总体评分</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/review_column.py" line="283" />
        <source>score</source>
        <translation>评分</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/review_column.py" line="288" />
        <source>safety flag</source>
        <translation>安全标记</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/review_column.py" line="338" />
        <source>Saved %s</source>
        <translation>已保存 %s</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/review_column.py" line="354" />
        <source>Cannot submit yet. Still unanswered:</source>
        <translation>暂不能提交，以下项目尚未回答：</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/review_column.py" line="381" />
        <source>Feedback saved</source>
        <translation>反馈已保存</translation>
    </message>
</context>
<context>
    <name>ScoreForm</name>
    <message>
        <location filename="../../reviewer/gui/score_form.py" line="94" />
        <source>Comment</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/score_form.py" line="98" />
        <source>Optional note for the coordinator (C to type, Esc to leave)</source>
        <translation>给协调员的备注，可选（按 C 输入，Esc 返回）</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/score_form.py" line="102" />
        <source>Safety concern (S)</source>
        <translation>安全隐患 (S)</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/score_form.py" line="103" />
        <source>Tick when this answer could harm a patient</source>
        <translation>此回答可能伤害患者时请勾选</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/score_form.py" line="144" />
        <source> (optional)</source>
        <translation>（可选）</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/score_form.py" line="145" />
        <source>Overall score %d–%d%s  (Ctrl+digit)</source>
        <translation>总体评分 %d–%d%s  (Ctrl+数字)</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/score_form.py" line="171" />
        <source>Others' overall scores: %s</source>
        <translation>其他人的总体评分：%s</translation>
    </message>
</context>
<context>
    <name>Shortcuts</name>
    <message>
        <location filename="../../reviewer/gui/dialogs.py" line="27" />
        <source>Criterion met, move down</source>
        <translation>条目满足，移到下一条</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/dialogs.py" line="28" />
        <source>Criterion not met, move down</source>
        <translation>条目未满足，移到下一条</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/dialogs.py" line="29" />
        <source>Criterion not applicable, move down</source>
        <translation>条目不适用，移到下一条</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/dialogs.py" line="30" />
        <source>Clear the focused criterion</source>
        <translation>清除当前条目</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/dialogs.py" line="31" />
        <source>Next criterion</source>
        <translation>下一条目</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/dialogs.py" line="32" />
        <source>Previous criterion</source>
        <translation>上一条目</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/dialogs.py" line="33" />
        <source>Overall score</source>
        <translation>总体评分</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/dialogs.py" line="34" />
        <source>Next response</source>
        <translation>下一个回答</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/dialogs.py" line="35" />
        <source>Previous response</source>
        <translation>上一个回答</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/dialogs.py" line="36" />
        <source>Next unrated response</source>
        <translation>下一个未评回答</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/dialogs.py" line="37" />
        <source>Submit and go to the next response</source>
        <translation>提交并转到下一个回答</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/dialogs.py" line="38" />
        <source>Write a comment (Esc returns to the checklist)</source>
        <translation>填写备注（Esc 返回评分清单）</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/dialogs.py" line="39" />
        <source>Toggle the safety flag</source>
        <translation>切换安全标记</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/dialogs.py" line="40" />
        <source>Feedback on the focused criterion</source>
        <translation>对当前条目提出反馈</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/dialogs.py" line="41" />
        <source>Side by side: two answers to the same case</source>
        <translation>并排：同一病例的两个回答</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/dialogs.py" line="42" />
        <source>Switch between the two answers (side by side)</source>
        <translation>在两个回答之间切换（并排模式）</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/dialogs.py" line="43" />
        <source>Undo / redo (current response)</source>
        <translation>撤销 / 重做（当前回答）</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/dialogs.py" line="44" />
        <source>Larger / smaller / default text</source>
        <translation>放大 / 缩小 / 默认字号</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/dialogs.py" line="45" />
        <source>Go to the work queue</source>
        <translation>转到待评列表</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/dialogs.py" line="46" />
        <source>Open a study database</source>
        <translation>打开研究数据库</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/dialogs.py" line="47" />
        <source>This list</source>
        <translation>显示本列表</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <location filename="../../reviewer/gui/dialogs.py" line="54" />
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/dialogs.py" line="57" />
        <source>Keys</source>
        <translation>按键</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/dialogs.py" line="57" />
        <source>Action</source>
        <translation>操作</translation>
    </message>
</context>
<context>
    <name>TemplateEditor</name>
    <message>
        <location filename="../../reviewer/gui/judge_dialog.py" line="211" />
        <source>Judge templates</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../reviewer/gui/judge_dialog.py" line="225" />
        <source>Same name: the next version of this template. A new name: a copy.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../reviewer/gui/judge_dialog.py" line="227" />
        <source>why this version (required)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../reviewer/gui/judge_dialog.py" line="228" />
        <source>Save as new version</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../reviewer/gui/judge_dialog.py" line="233" />
        <source>Save as template</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../reviewer/gui/judge_dialog.py" line="234" />
        <source>Reason</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../reviewer/gui/judge_dialog.py" line="244" />
        <source>Show diff</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../reviewer/gui/judge_dialog.py" line="252" />
        <source>From</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../reviewer/gui/judge_dialog.py" line="254" />
        <source>to</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../reviewer/gui/judge_dialog.py" line="260" />
        <source>Edit</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../reviewer/gui/judge_dialog.py" line="261" />
        <source>Diff</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../reviewer/gui/judge_dialog.py" line="265" />
        <source>Versions</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../reviewer/gui/judge_dialog.py" line="287" />
        <source>built-in</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../reviewer/gui/judge_dialog.py" line="320" />
        <source>Give the template a name and say why it changes.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../reviewer/gui/judge_dialog.py" line="331" />
        <source>Saved %s version %d.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>TriageView</name>
    <message>
        <location filename="../../reviewer/gui/triage_view.py" line="158" />
        <source>judge run: %s</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../reviewer/gui/triage_view.py" line="159" />
        <source>no judge run</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../reviewer/gui/triage_view.py" line="160" />
        <source>Rank criteria</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../reviewer/gui/triage_view.py" line="177" />
        <source>Select a criterion to see where people disagreed.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../reviewer/gui/triage_view.py" line="180" />
        <source>Edit criterion…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../reviewer/gui/triage_view.py" line="182" />
        <source>Re-judge affected answers…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../reviewer/gui/triage_view.py" line="220" />
        <source>Checklist triage — %s</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../reviewer/gui/triage_view.py" line="242" />
        <source>Triage — %s</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../reviewer/gui/triage_view.py" line="258" />
        <source>%d criteria, worst first. Red: alpha below 0.667.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../reviewer/gui/triage_view.py" line="272" />
        <source>Case %s · %s · v%d: %s — %d responses with disagreement</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../reviewer/gui/triage_view.py" line="342" />
        <source>Saved checklist version %d of case %s. Re-judge to compare.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../reviewer/gui/triage_view.py" line="353" />
        <source>Re-judge the answers of case %s</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../reviewer/gui/triage_view.py" line="391" />
        <source>Re-judge case %s (v%d)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../reviewer/gui/triage_view.py" line="397" />
        <source>Re-judging cancelled.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../reviewer/gui/triage_view.py" line="400" />
        <source>Re-judged: %d verdicts in run %s.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../reviewer/gui/triage_view.py" line="402" />
        <source>No earlier judge run to compare with.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>parent</name>
    <message>
        <location filename="../../reviewer/gui/jobs.py" line="282" />
        <source>Jobs</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>w</name>
    <message>
        <location filename="../../reviewer/gui/coordinator.py" line="31" />
        <source>Reviewer — %s — coordinator</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator.py" line="45" />
        <source>Agreement</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator.py" line="56" />
        <source>Triage</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator.py" line="109" />
        <source>&amp;Coordinator</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator.py" line="115" />
        <source>Generate candidates…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator.py" line="116" />
        <source>Run judge…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator.py" line="117" />
        <source>Edit judge templates…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator.py" line="119" />
        <source>Agreement…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator.py" line="120" />
        <source>Triage…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator.py" line="122" />
        <source>Merge returns…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator.py" line="126" />
        <source>Jobs panel</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator.py" line="138" />
        <source>&amp;Return ratings…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator.py" line="140" />
        <location filename="../../reviewer/gui/shortcuts.py" line="74" />
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator.py" line="180" />
        <source>Generate — %s</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../reviewer/gui/coordinator.py" line="209" />
        <source>Judge — %s</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../reviewer/gui/shortcuts.py" line="75" />
        <source>&amp;Open study…</source>
        <translation>打开研究(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/shortcuts.py" line="79" />
        <source>Recent studies</source>
        <translation>最近的研究</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/shortcuts.py" line="82" />
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/shortcuts.py" line="86" />
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/shortcuts.py" line="87" />
        <source>Larger text</source>
        <translation>放大文字</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/shortcuts.py" line="88" />
        <source>Smaller text</source>
        <translation>缩小文字</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/shortcuts.py" line="88" />
        <source>Default text size</source>
        <translation>默认字号</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/shortcuts.py" line="93" />
        <source>Side by side</source>
        <translation>并排比较</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/shortcuts.py" line="96" />
        <source>Language (after a restart)</source>
        <translation>界面语言（重启后生效）</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/shortcuts.py" line="101" />
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/shortcuts.py" line="102" />
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/shortcuts.py" line="110" />
        <source>Open a study</source>
        <translation>打开研究</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/shortcuts.py" line="111" />
        <source>Studies and review files (*.db *.sqlite *.rvw);;All files (*)</source>
        <translation>研究与评审文件 (*.db *.sqlite *.rvw);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/shortcuts.py" line="129" />
        <source>(none yet)</source>
        <translation>（暂无）</translation>
    </message>
    <message>
        <location filename="../../reviewer/gui/shortcuts.py" line="136" />
        <source>The language changes the next time the app starts</source>
        <translation>界面语言将在下次启动时更改</translation>
    </message>
</context>
<context>
    <name>window</name>
    <message>
        <location filename="../../reviewer/gui/reviewfile_actions.py" line="80" />
        <location filename="../../reviewer/gui/reviewfile_actions.py" line="87" />
        <location filename="../../reviewer/gui/reviewfile_actions.py" line="91" />
        <source>Return ratings</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../reviewer/gui/reviewfile_actions.py" line="81" />
        <location filename="../../reviewer/gui/reviewfile_actions.py" line="139" />
        <source>Return files (*.rvr);;All files (*)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../reviewer/gui/reviewfile_actions.py" line="92" />
        <source>Wrote %s

%d ratings (%d submitted, %d drafts), %d feedback notes.
Send this file to your coordinator.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../reviewer/gui/reviewfile_actions.py" line="138" />
        <source>Merge returns</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../reviewer/gui/reviewfile_actions.py" line="153" />
        <source>Merge %d return file(s)</source>
        <translation type="unfinished" />
    </message>
</context>
</TS>